using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Thresholds;

/// <summary>
/// A k6-style pass/fail condition on a scenario, parsed once from text such as p99&lt;20ms, errors&lt;0.1% or
/// throughput&gt;1000. <see cref="Limit"/> is in the metric's base unit: nanoseconds for latency, a fraction for
/// errors, requests per second for throughput.
/// </summary>
/// With <see cref="WindowSeconds"/> (`errors&lt;1% over 10s`) it holds on every window of that many whole seconds of
/// the measured timeline (see <see cref="WindowedThreshold"/>), not only over the whole run.
public sealed record Threshold(string Expression, string MetricName, ThresholdMetric Metric, double Percentile, ThresholdOperator Operator, double Limit, int? WindowSeconds = null)
{
    /// <summary>A latency metric (pN, mean, max): windows of it need each second's histogram.</summary>
    public bool IsLatency => Metric is ThresholdMetric.Percentile or ThresholdMetric.Mean or ThresholdMetric.Max;

    /// <summary>Parses one expression; whitespace around its pieces is ignored.</summary>
    /// <exception cref="ThresholdFormatException">One line naming the expression and what was expected.</exception>
    public static Threshold Parse(string expression) => ThresholdParser.Parse(expression);

    /// <summary>
    /// Measures the scenario and compares. Latency metrics read the latency the summary headlines
    /// (<see cref="SweepPoint.Primary"/>): for calls the round trip from each request's intended start (corrected for
    /// coordinated omission; equal to the raw figure in a closed model), for casts the one-way latency measured at the
    /// worker when there is one, else the publish latency. Percentiles, mean and max come from the stored histogram in
    /// nanoseconds, so they are the figures the report shows. A metric the record does not have (no latency samples,
    /// no requests issued) fails with "n/a" and a note saying why: a threshold never passes on nothing.
    /// </summary>
    public ThresholdRecord Evaluate(ScenarioRecord scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (WindowSeconds is { } window)
        {
            return WindowedThreshold.Evaluate(this, scenario, window);
        }

        double measured;
        string text;
        switch (Metric)
        {
            case ThresholdMetric.Errors or ThresholdMetric.Throughput when scenario.Counts.Issued == 0:
                return NotAvailable("no requests were issued");
            case ThresholdMetric.Errors:
                var errors = scenario.Counts.Failed + scenario.Counts.TimedOut;
                measured = (double)errors / scenario.Counts.Issued;
                text = ThresholdText.Fraction(measured, errors, scenario.Counts.Issued);
                break;
            case ThresholdMetric.Throughput:
                measured = scenario.Throughput;
                text = ThresholdText.Rate(measured);
                break;
            default:
                var latency = SweepPoint.Primary(scenario);
                if (latency.Count == 0)
                {
                    return NotAvailable($"no {(scenario.OneWay is null ? "request completed ok" : "cast arrived at a worker")}, so there is no latency to measure");
                }

                var histogram = latency.Histogram.ToHistogram();
                measured = Metric switch
                {
                    ThresholdMetric.Mean => histogram.Mean,
                    ThresholdMetric.Max => histogram.Max,
                    _ => histogram.ValueAtPercentile(Percentile),
                };
                text = ThresholdText.Latency(measured);
                break;
        }

        return new ThresholdRecord(Expression, MetricName, text, Passes(measured));
    }

    public override string ToString() => Expression;

    internal bool Passes(double measured) => Operator switch
    {
        ThresholdOperator.Less => measured < Limit,
        ThresholdOperator.LessOrEqual => measured <= Limit,
        ThresholdOperator.Greater => measured > Limit,
        _ => measured >= Limit,
    };

    internal ThresholdRecord NotAvailable(string why) => new(Expression, MetricName, ThresholdRecord.NotAvailable, false) { Note = why };
}
