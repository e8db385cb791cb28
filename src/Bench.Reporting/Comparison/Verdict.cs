namespace Bench.Reporting.Comparison;

public enum Verdict
{
    Same,
    Faster,
    Slower,
}
