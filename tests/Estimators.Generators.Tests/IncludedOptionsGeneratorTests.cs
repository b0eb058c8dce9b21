using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Microsoft.ML.Dropout.Estimators.Generators.Tests;

/// <summary>
/// The generator on small compilations: members copied into nested classes and, without bodies, into interfaces;
/// errors for a type that is not a declaration and for a declaration in another namespace.
/// </summary>
public sealed class IncludedOptionsGeneratorTests
{
    private const string Declaration = """
        using Microsoft.ML.Dropout.Estimators.Generators;

        namespace Shop;

        [OptionsDeclaration]
        internal abstract class SharedOptions
        {
            private int _size = 3;

            /// <summary>Rows per page. Default 3; ≥ 1.</summary>
            public int Size { get => _size; set => _size = value >= 1 ? value : throw new System.ArgumentOutOfRangeException(nameof(Size)); }

            /// <summary>Title. Default "a". See <see cref="Size"/>.</summary>
            public string Title { get; set; } = "a";

            /// <summary>Pages read so far. Default 0.</summary>
            public int Read { get; private set; }
        }
        """;

    [Fact]
    public void Generate_NestedClassAndInterface_GetEveryMemberWithItsDocComment()
    {
        var (output, diagnostics) = Run(Declaration, """
            using Microsoft.ML.Dropout.Estimators.Generators;

            namespace Shop;

            /// <summary>The shared options.</summary>
            [IncludeOptions(typeof(SharedOptions))]
            public partial interface IShared { }

            /// <summary>A trainer.</summary>
            public sealed partial class Trainer
            {
                /// <summary>Its options.</summary>
                [IncludeOptions(typeof(SharedOptions))]
                public sealed partial class Options : IShared { }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)); // incl. CS1591: every copy is documented
        var options = output.GetTypeByMetadataName("Shop.Trainer+Options")!;
        Assert.Equal(["_size", "Read", "Size", "Title"], options.GetMembers().Where(m => !m.IsImplicitlyDeclared && m is IFieldSymbol or IPropertySymbol && !m.Name.Contains('<')).Select(m => m.Name).Order());
        Assert.Contains("Rows per page. Default 3; ≥ 1.", options.GetMembers("Size").Single().GetDocumentationCommentXml());
        Assert.Contains("<see cref=\"P:Shop.Trainer.Options.Size\"/>", options.GetMembers("Title").Single().GetDocumentationCommentXml());

        var shared = output.GetTypeByMetadataName("Shop.IShared")!;
        Assert.Equal(["Read", "Size", "Title"], shared.GetMembers().Select(m => m.Name).Where(n => !n.StartsWith("get_") && !n.StartsWith("set_")).Order());
        var read = (IPropertySymbol)shared.GetMembers("Read").Single();
        Assert.Null(read.SetMethod); // a private setter is not part of the interface
        Assert.True(read.IsAbstract);
        Assert.Contains("Pages read so far. Default 0.", read.GetDocumentationCommentXml());
    }

    [Fact]
    public void Generate_TypeWithoutOptionsDeclaration_ReportsMLDGEN001NamingBoth()
    {
        var (_, diagnostics) = Run("""
            using Microsoft.ML.Dropout.Estimators.Generators;

            namespace Shop;

            internal abstract class Plain { public int Size { get; set; } }

            [IncludeOptions(typeof(Plain))]
            public partial class Options { }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal("MLDGEN001", error.Id);
        Assert.Equal("'Shop.Options' includes the options of 'Shop.Plain', which is not marked [OptionsDeclaration]: mark 'Shop.Plain' with [OptionsDeclaration], or name a class that has it", error.GetMessage());
    }

    [Fact]
    public void Generate_DeclarationInOtherNamespace_ReportsMLDGEN002()
    {
        var (output, diagnostics) = Run(Declaration, """
            using Microsoft.ML.Dropout.Estimators.Generators;

            namespace Elsewhere;

            [IncludeOptions(typeof(Shop.SharedOptions))]
            public partial class Options { }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal("MLDGEN002", error.Id);
        Assert.Contains("'Elsewhere.Options' is in namespace 'Elsewhere' but the options declaration 'Shop.SharedOptions' is in 'Shop'", error.GetMessage());
        Assert.Empty(output.GetTypeByMetadataName("Elsewhere.Options")!.GetMembers("Size"));
    }

    /// <summary>Compiles <paramref name="sources"/> with the generator; returns the compilation with the generated files and the generator's diagnostics.</summary>
    private static (Compilation Output, IReadOnlyList<Diagnostic> Diagnostics) Run(params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Shop",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Source{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new IncludedOptionsGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }
}
