namespace Bench.Reporting;

/// <summary>A results file that is missing, not JSON, or of another schema version: bad input, exit code 2.</summary>
public sealed class ResultFormatException(string message) : Exception(message);
