using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Microsoft.ML.Dropout.Estimators.Generators;

/// <summary>A partial class or interface marked <c>[IncludeOptions(typeof(X))]</c>: where the copied members go.</summary>
/// <param name="TypeName">The type's full name, for file names and diagnostics.</param>
/// <param name="Namespace">The type's namespace ("" for the global namespace).</param>
/// <param name="TypeChain">The <c>partial class Outer</c> headers from the outermost containing type to this one.</param>
/// <param name="IsInterface">True when the type is an interface: it receives the public properties only, without bodies.</param>
/// <param name="Declarations">The full names of the <c>typeof</c> arguments, in attribute order.</param>
/// <param name="Location">Where the type is declared, for diagnostics.</param>
internal sealed record OptionsTarget(
    string TypeName,
    string Namespace,
    EquatableArray<string> TypeChain,
    bool IsInterface,
    EquatableArray<string> Declarations,
    LocationInfo? Location)
{
    public static OptionsTarget From(GeneratorAttributeSyntaxContext context)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var chain = new List<string>();
        for (var t = type; t != null; t = t.ContainingType)
            chain.Insert(0, $"partial {(t.TypeKind == TypeKind.Interface ? "interface" : "class")} {Header(t)}");
        var declarations = context.Attributes
            .Select(a => a.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol)
            .Select(d => d?.ToDisplayString() ?? "");
        return new OptionsTarget(type.ToDisplayString(), OptionsDeclaration.NamespaceOf(type), new EquatableArray<string>(chain),
            type.TypeKind == TypeKind.Interface, new EquatableArray<string>(declarations),
            LocationInfo.From(((TypeDeclarationSyntax)context.TargetNode).Identifier.GetLocation()));
    }

    /// <summary>A file name unique to this type.</summary>
    public string HintName => TypeName.Replace('<', '{').Replace('>', '}') + ".IncludedOptions.g.cs";

    private static string Header(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>";
}
