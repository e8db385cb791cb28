namespace Bench.Reporting.Comparison;

public enum Verdict
{
    Same,
    Faster,
    Slower,

    /// <summary>A side is incomplete or its accounting does not hold: its figures cannot be judged, so never "same".</summary>
    Invalid,
}
