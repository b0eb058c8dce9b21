using System.Globalization;

namespace Microsoft.ML.Dropout;

/// <summary>
/// Validation helpers shared by every options object. Messages name the option, the allowed range and the value
/// received, e.g. "Invalid value for option 'DropoutRate': expected a value in [0, 1). Received: 1.5."
/// </summary>
internal static class OptionGuard
{
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Message(string option, string expected, string received) =>
        $"Invalid value for option '{option}': expected {expected}. Received: {received}.";

    /// <summary>A probability of dropping: 0 ≤ p &lt; 1.</summary>
    internal static double Rate(double value, string option)
    {
        if (double.IsNaN(value) || value < 0 || value >= 1)
            throw new ArgumentOutOfRangeException(option, value, Message(option, "a value in [0, 1)", Format(value)));
        return value;
    }

    internal static double NonNegative(double value, string option)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
            throw new ArgumentOutOfRangeException(option, value, Message(option, "a finite value ≥ 0", Format(value)));
        return value;
    }

    internal static double Positive(double value, string option)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value <= 0)
            throw new ArgumentOutOfRangeException(option, value, Message(option, "a finite value > 0", Format(value)));
        return value;
    }

    internal static double InRange(double value, double min, double max, string option, bool maxExclusive = false)
    {
        bool bad = double.IsNaN(value) || value < min || (maxExclusive ? value >= max : value > max);
        if (bad)
            throw new ArgumentOutOfRangeException(option, value,
                Message(option, $"a value in [{Format(min)}, {Format(max)}{(maxExclusive ? ")" : "]")}", Format(value)));
        return value;
    }

    internal static int AtLeast(int value, int min, string option)
    {
        if (value < min)
            throw new ArgumentOutOfRangeException(option, value, Message(option, $"an integer ≥ {min}", value.ToString(CultureInfo.InvariantCulture)));
        return value;
    }

    internal static T Defined<T>(T value, string option) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(option, value,
                Message(option, $"one of {string.Join(", ", Enum.GetNames<T>())}", value.ToString()));
        return value;
    }

    /// <summary>A copy of <paramref name="values"/> (null stays null) after <paramref name="check"/> accepted every element, named "option[i]".</summary>
    internal static T[]? EachElement<T>(IReadOnlyList<T>? values, Func<T, string, T> check, string option)
    {
        if (values is null)
            return null;
        for (int i = 0; i < values.Count; i++)
            check(values[i], $"{option}[{i}]");
        return values.ToArray();
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every message, one per line, when there is any.</summary>
    internal static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>An optional value that must be at least <paramref name="min"/> when set.</summary>
    internal static int? AtLeast(int? value, int min, string option) => value is int v ? AtLeast(v, min, option) : null;

    /// <summary>An optional value that must be finite and &gt; 0 when set.</summary>
    internal static double? Positive(double? value, string option) => value is double v ? Positive(v, option) : null;
}
