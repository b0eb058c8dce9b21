using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Microsoft.ML.Dropout.Estimators.Generators;

/// <summary>
/// A class marked <c>[OptionsDeclaration]</c>, as text: its members for classes that include it, its public
/// properties as interface members, and the <c>using</c> directives its members were written against.
/// </summary>
/// <param name="MetadataName">The declaring class's full name, as a <c>typeof</c> argument names it.</param>
/// <param name="Namespace">The declaring class's namespace ("" for the global namespace).</param>
/// <param name="Usings">The <c>using</c> directives of the declaring file.</param>
/// <param name="ClassMembers">Each member, doc comment and attributes included, indented to column 0.</param>
/// <param name="InterfaceMembers">Each public property as <c>Type Name { get; set; }</c> with its doc comment.</param>
internal sealed record OptionsDeclaration(
    string MetadataName,
    string Namespace,
    EquatableArray<string> Usings,
    EquatableArray<string> ClassMembers,
    EquatableArray<string> InterfaceMembers)
{
    public static OptionsDeclaration From(ClassDeclarationSyntax syntax, INamedTypeSymbol symbol)
    {
        var usings = syntax.SyntaxTree.GetCompilationUnitRoot().Usings.Select(u => u.ToString());
        var members = syntax.Members.Select(m => Unindent(m.ToFullString(), Column(m)));
        var properties = syntax.Members.OfType<PropertyDeclarationSyntax>()
            .Where(p => p.Modifiers.Any(SyntaxKind.PublicKeyword))
            .Select(InterfaceMember);
        return new OptionsDeclaration(symbol.ToDisplayString(), NamespaceOf(symbol),
            new EquatableArray<string>(usings), new EquatableArray<string>(members), new EquatableArray<string>(properties));
    }

    /// <summary>The property as an interface member: same doc comment, type and name; accessors without bodies.</summary>
    private static string InterfaceMember(PropertyDeclarationSyntax property)
    {
        var accessors = property.AccessorList?.Accessors
            .Where(a => a.Modifiers.Count == 0)
            .Select(a => a.Keyword.Text + ";") ?? new[] { "get;" };
        string docs = Unindent(property.GetLeadingTrivia().ToFullString(), Column(property));
        return $"{docs}{property.Type} {property.Identifier.Text} {{ {string.Join(" ", accessors)} }}\n";
    }

    internal static string NamespaceOf(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";

    private static int Column(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Character;

    /// <summary>Removes up to <paramref name="column"/> leading spaces from each line, so the writer can indent the text anew.</summary>
    private static string Unindent(string text, int column)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int strip = 0;
            while (strip < column && strip < lines[i].Length && lines[i][strip] == ' ')
                strip++;
            lines[i] = lines[i].Substring(strip);
        }
        return string.Join("\n", lines);
    }
}
