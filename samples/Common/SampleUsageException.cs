namespace MLNetRegularization.Samples;

/// <summary>
/// A problem the user can fix (missing data file, bad option value): <see cref="SampleApp.Run"/> prints the message
/// without a stack trace and exits with code 2.
/// </summary>
public sealed class SampleUsageException(string message) : Exception(message);
