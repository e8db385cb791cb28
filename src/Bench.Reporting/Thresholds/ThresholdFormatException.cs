namespace Bench.Reporting.Thresholds;

/// <summary>A malformed threshold expression: one line naming the expression and what was expected (the CLI exits 2).</summary>
public sealed class ThresholdFormatException(string message) : Exception(message);
