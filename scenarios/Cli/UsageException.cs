namespace Bench.Scenarios.Cli;

/// <summary>A bad flag, value or config: printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
