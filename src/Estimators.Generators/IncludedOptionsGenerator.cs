using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Microsoft.ML.Dropout.Estimators.Generators;

/// <summary>
/// Copies the members of a class marked <c>[OptionsDeclaration]</c> — doc comments, attributes, initializers and
/// accessor bodies as written — into every partial class marked <c>[IncludeOptions(typeof(ThatClass))]</c>, and its
/// public properties (as <c>{ get; set; }</c> members with the same doc comments) into such a partial interface.
/// C# allows one base class, so two options types with different engine bases get the same flat properties this
/// way while the properties are written once.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class IncludedOptionsGenerator : IIncrementalGenerator
{
    /// <summary>Registers the attributes and the pipeline: declarations and targets found by their attributes, one file per target.</summary>
    /// <param name="context">The generator's initialization context.</param>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(c => c.AddSource("OptionsAttributes.g.cs", OptionsAttributes.Source));

        var declarations = context.SyntaxProvider.ForAttributeWithMetadataName(
                OptionsAttributes.DeclarationName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (c, _) => OptionsDeclaration.From((ClassDeclarationSyntax)c.TargetNode, (INamedTypeSymbol)c.TargetSymbol))
            .Collect();
        var targets = context.SyntaxProvider.ForAttributeWithMetadataName(
            OptionsAttributes.IncludeName,
            static (node, _) => node is ClassDeclarationSyntax or InterfaceDeclarationSyntax,
            static (c, _) => OptionsTarget.From(c));

        context.RegisterSourceOutput(targets.Combine(declarations), static (output, pair) => Emit(output, pair.Left, pair.Right));
    }

    private static void Emit(SourceProductionContext output, OptionsTarget target, IReadOnlyList<OptionsDeclaration> known)
    {
        var found = new List<OptionsDeclaration>();
        var location = target.Location?.ToLocation() ?? Location.None;
        foreach (string name in target.Declarations)
        {
            var declaration = known.FirstOrDefault(d => d.MetadataName == name);
            if (declaration is null)
                output.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.NotADeclaration, location, target.TypeName, name));
            else if (declaration.Namespace != target.Namespace)
                output.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.OtherNamespace, location, target.TypeName, target.Namespace, name, declaration.Namespace));
            else
                found.Add(declaration);
        }
        if (found.Count > 0)
            output.AddSource(target.HintName, IncludedOptionsWriter.Write(target, found));
    }
}
