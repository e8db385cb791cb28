namespace Bench.Reporting;

/// <summary>
/// One threshold checked against one scenario (`--assert p99&lt;20ms`): the expression as given, its metric, the
/// measured value as text with its unit ("4.2 ms", "0.05% (5 of 10,000)", "1,234.5/s" or "n/a"), and the verdict.
/// </summary>
public sealed record ThresholdRecord(string Expression, string Metric, string Measured, bool Passed)
{
    /// <summary>What <see cref="Measured"/> says when the scenario has no such figure; such a threshold fails.</summary>
    public const string NotAvailable = "n/a";

    /// <summary>Why the value is n/a (e.g. "no request completed ok, so there is no latency to measure"); null otherwise.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// A windowed threshold (`errors&lt;1% over 10s`): where its worst window was and how many windows breached it;
    /// <see cref="Measured"/> is then that window's value. Null for a whole-run threshold.
    /// </summary>
    public string? Window { get; init; }

    /// <summary>"✓ p99&lt;20ms (measured 4.2 ms)" or "✗ …": the line the CLI, summary.md and the report print.</summary>
    public override string ToString() =>
        $"{(Passed ? "✓" : "✗")} {Expression} (measured {Measured}{(Window is null ? string.Empty : ", " + Window)}{(Note is null ? string.Empty : ": " + Note)})";
}
