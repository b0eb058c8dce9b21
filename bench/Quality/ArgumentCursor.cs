using System.Globalization;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Walks a command line: the current argument, and the value that follows it, checked.</summary>
internal sealed class ArgumentCursor(IReadOnlyList<string> args, int start = 0)
{
    private int _index = start - 1;

    public bool MoveNext() => ++_index < args.Count;

    public string Current => args[_index];

    /// <summary>The next argument, as the value of the current one; throws naming the option when there is none.</summary>
    public string Value()
    {
        string option = Current;
        return _index + 1 < args.Count ? args[++_index] : throw new ArgumentException($"{option} needs a value.");
    }

    /// <summary>The next argument as a positive integer; throws naming the option and the value otherwise.</summary>
    public int Positive() => Integer(atLeast: 1, "a positive integer");

    /// <summary>The next argument as an integer ≥ 0; throws naming the option and the value otherwise.</summary>
    public int NonNegative() => Integer(atLeast: 0, "an integer ≥ 0");

    private int Integer(int atLeast, string what)
    {
        string option = Current;
        string value = Value();
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= atLeast
            ? n : throw new ArgumentException($"{option} needs {what}; got '{value}'.");
    }
}
