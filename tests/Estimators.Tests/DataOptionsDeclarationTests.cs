using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// The ML.NET-only options are declared once (<see cref="RegularizedMlpDataOptionsDeclaration"/>) and generated
/// into every trainer's options and into <see cref="IRegularizedMlpDataOptions"/>: each of those must expose exactly
/// the declared properties, with the declared type, default and doc comment.
/// </summary>
public sealed class DataOptionsDeclarationTests
{
    private static readonly Type Declaration = typeof(RegularizedMlpDataOptionsDeclaration);

    /// <summary>Each trainer's options with the engine type it derives from and the ML.NET-only properties it adds beyond the declaration.</summary>
    public static TheoryData<Type, Type, string[]> OptionsTypes => new()
    {
        { typeof(RegularizedMlpBinaryTrainer.Options), typeof(MlpClassificationOptions), [nameof(RegularizedMlpClassificationOptionsBase.UnbalancedSets)] },
        { typeof(RegularizedMlpMulticlassTrainer.Options), typeof(MlpClassificationOptions), [nameof(RegularizedMlpClassificationOptionsBase.UnbalancedSets)] },
        { typeof(RegularizedMlpRegressionTrainer.Options), typeof(MlpRegressionOptions), [] },
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void TrainerOptions_MlNetOnlyProperties_AreTheDeclaredOnesPlusTaskOnes(Type options, Type engine, string[] taskOnly)
    {
        var added = PublicProperties(options).Select(p => p.Name).Except(PublicProperties(engine).Select(p => p.Name));
        Assert.Equal(DeclaredNames().Concat(taskOnly).Order(), added.Order());
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void TrainerOptions_DeclaredProperties_HaveTheDeclaredTypeNullabilityAndDefault(Type options, Type engine, string[] taskOnly)
    {
        _ = (engine, taskOnly);
        var fresh = Activator.CreateInstance(options)!;
        var declared = new DeclarationWithDefaults();
        var nullability = new NullabilityInfoContext();
        foreach (var expected in DeclaredProperties())
        {
            var actual = options.GetProperty(expected.Name)!;
            Assert.Equal(expected.PropertyType, actual.PropertyType);
            Assert.Equal(nullability.Create(expected).WriteState, nullability.Create(actual).WriteState);
            Assert.True(Equals(expected.GetValue(declared), actual.GetValue(fresh)),
                $"{DocName(options)}.{actual.Name} starts at '{actual.GetValue(fresh)}', the declaration at '{expected.GetValue(declared)}'");
        }
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void TrainerOptions_DeclaredProperties_CarryTheDeclaredDocComment(Type options, Type engine, string[] taskOnly)
    {
        _ = (engine, taskOnly);
        AssertSameDocs(options);
    }

    [Fact]
    public void DataOptionsInterface_HasEachDeclaredProperty_WithItsTypeAndDocComment()
    {
        var iface = typeof(IRegularizedMlpDataOptions);
        Assert.Equal(DeclaredNames().Order(), iface.GetProperties().Select(p => p.Name).Order());
        foreach (var expected in DeclaredProperties())
            Assert.Equal(expected.PropertyType, iface.GetProperty(expected.Name)!.PropertyType);
        AssertSameDocs(iface);
    }

    [Fact]
    public void GeneratorAttributes_AreNotKeptInTheAssembly()
    {
        var types = new[] { Declaration, typeof(IRegularizedMlpDataOptions), typeof(RegularizedMlpClassificationOptionsBase), typeof(RegularizedMlpRegressionTrainer.Options) };
        Assert.All(types, t => Assert.DoesNotContain(t.GetCustomAttributesData(), a => a.AttributeType.Namespace!.EndsWith(".Generators")));
    }

    private static void AssertSameDocs(Type target)
    {
        var docs = DocComments();
        foreach (string name in DeclaredNames())
        {
            string declared = docs[$"P:{DocName(Declaration)}.{name}"];
            Assert.Contains("Default", declared);
            // Documented on the type that declares it (the classification options' base); a cref to a sibling option
            // names that type: read it as the declaration's.
            string owner = DocName(target.GetProperty(name)!.DeclaringType!);
            string copied = docs[$"P:{owner}.{name}"].Replace($"P:{owner}.", $"P:{DocName(Declaration)}.");
            Assert.True(declared == copied, $"{DocName(target)}.{name} is documented as{Environment.NewLine}{copied}{Environment.NewLine}but declared as{Environment.NewLine}{declared}");
        }
    }

    /// <summary>The Estimators assembly's XML doc file (copied next to the tests), member id → inner XML with whitespace runs collapsed.</summary>
    private static Dictionary<string, string> DocComments()
    {
        string path = Path.ChangeExtension(Declaration.Assembly.Location, ".xml");
        return XDocument.Load(path).Descendants("member").ToDictionary(
            m => (string)m.Attribute("name")!,
            m => Regex.Replace(string.Concat(m.Nodes()), @"\s+", " ").Trim());
    }

    private static string DocName(Type type) => type.FullName!.Replace('+', '.');

    private static IEnumerable<string> DeclaredNames() => DeclaredProperties().Select(p => p.Name);

    private static PropertyInfo[] DeclaredProperties() => Declaration.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

    private static IEnumerable<PropertyInfo> PublicProperties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>The declaration itself is abstract (it is never used as options): an instance shows its initializers.</summary>
    private sealed class DeclarationWithDefaults : RegularizedMlpDataOptionsDeclaration;
}
