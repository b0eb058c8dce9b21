using Microsoft.CodeAnalysis;

namespace Microsoft.ML.Dropout.Estimators.Generators;

/// <summary>The errors the generator reports; each names the types involved and the fix.</summary>
internal static class GeneratorDiagnostics
{
    public static readonly DiagnosticDescriptor NotADeclaration = new(
        id: "MLDGEN001",
        title: "IncludeOptions names a type that is not an options declaration",
        messageFormat: "'{0}' includes the options of '{1}', which is not marked [OptionsDeclaration]: mark '{1}' with [OptionsDeclaration], or name a class that has it",
        category: "Microsoft.ML.Dropout.Generators",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OtherNamespace = new(
        id: "MLDGEN002",
        title: "IncludeOptions across namespaces",
        messageFormat: "'{0}' is in namespace '{1}' but the options declaration '{2}' is in '{3}': the copied members resolve names as they do in their declaration, so declare both in the same namespace",
        category: "Microsoft.ML.Dropout.Generators",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
