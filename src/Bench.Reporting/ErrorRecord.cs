namespace Bench.Reporting;

/// <summary>One sampled error message and its outcome kind.</summary>
public sealed record ErrorRecord(string Outcome, string Message);
