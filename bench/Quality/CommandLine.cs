namespace MLNetRegularization.Bench.Quality;

/// <summary>The shared start of every command: parse, or print the error and the usage; print the usage on --help.</summary>
internal static class CommandLine
{
    /// <summary>The parsed arguments, or null with the process exit code (2 = bad arguments, 0 = help shown).</summary>
    public static T? Parse<T>(Func<T> parse, Func<T, bool> help, string usage, out int exitCode) where T : class
    {
        exitCode = 0;
        T parsed;
        try
        {
            parsed = parse();
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(usage);
            exitCode = 2;
            return null;
        }
        if (!help(parsed)) return parsed;
        Console.WriteLine(usage);
        return null;
    }
}
