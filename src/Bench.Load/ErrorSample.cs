namespace Bench.Load;

/// <summary>One of the first error messages of a kind, kept so a result says what went wrong, not only how often.</summary>
public readonly record struct ErrorSample(Outcome Outcome, string Message);
