using System.Globalization;

namespace Bench.Reporting.Broker;

/// <summary>
/// The checks behind <see cref="ConsistencyRecord"/>, on a finished record:
/// <list type="bullet">
/// <item>littles-law (closed model): requests in flight N (--outstanding) ≈ throughput × mean latency; each virtual user is
/// always in a request, so a large residual means time was lost outside the measurement (a generator that fell behind)
/// or a clock problem. Tolerance 10%.</item>
/// <item>broker-delivered (round-trip calls with a broker view): messages the broker delivered from the scenario's queues
/// in the measured seconds ≈ Bench's ok count in its issue window. Tolerance 10% plus the largest one-second rate seen
/// twice over (the sampler's ticks do not fall on the measurement's edges).</item>
/// <item>depth-vs-outstanding (closed-model calls with a broker view): ready + unacknowledged messages in the scenario's queues
/// cannot exceed the requests outstanding; more means messages no request is waiting for (lost replies, a stale backlog).
/// Tolerance 10% (and one message).</item>
/// </list>
/// </summary>
public static class ConsistencyCheck
{
    public const double Tolerance = 0.10;

    public static ConsistencyRecord? Analyse(ScenarioRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var checks = new List<ConsistencyCheckRecord>();
        var closed = record.Model == "closed" && Outstanding(record) is > 0;
        var okInWindow = record.Throughput * record.IssueSeconds;
        var roundTrip = record.LatencyKind.StartsWith("round-trip", StringComparison.Ordinal);
        if (closed && roundTrip && record.Throughput > 0 && record.Latency.Raw.Count > 0)
        {
            var n = Outstanding(record)!.Value;
            var little = record.Throughput * record.Latency.Raw.MeanUs / 1e6;
            checks.Add(Check("littles-law", n, little, Tolerance, both: true,
                string.Create(CultureInfo.InvariantCulture, $"in flight {n:0.#} vs throughput × mean latency = {record.Throughput:0.#}/s × {record.Latency.Raw.MeanUs / 1000:0.###} ms = {little:0.##}")));
        }

        if (record.Broker is { Summary.Samples: > 0 } broker && roundTrip && okInWindow > 0)
        {
            var edge = broker.Seconds.Where(s => s.IsSample).Select(s => s.DeliveredPerSecond).DefaultIfEmpty(0).Max() * 2;
            var tolerance = Tolerance + edge / okInWindow;
            checks.Add(Check("broker-delivered", okInWindow, broker.Summary.Delivered, tolerance, both: true,
                string.Create(CultureInfo.InvariantCulture, $"the broker delivered {broker.Summary.Delivered:N0} from the scenario's queues in the measured seconds vs Bench's {okInWindow:N0} ok in its issue window")));
        }

        // Calls only: a closed cast flood's "outstanding" is publishes in flight, and the backlog it builds is the point.
        if (record.Broker is { Summary.Samples: > 0 } b && closed && roundTrip)
        {
            var n = Outstanding(record)!.Value;
            var depth = b.Summary.MeanReady + b.Summary.MeanUnacked;
            checks.Add(Check("depth-vs-outstanding", n, depth, Tolerance + 1 / n, both: false,
                string.Create(CultureInfo.InvariantCulture, $"mean ready + unacked {depth:0.##} in the scenario's queues vs {n:0.#} requests outstanding (an upper bound)")));
        }

        return checks.Count > 0 ? new ConsistencyRecord(checks) : null;
    }

    /// <summary>The closed model's requests in flight, from the recorded settings.</summary>
    public static double? Outstanding(ScenarioRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Settings.TryGetValue("outstanding", out var text) && double.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static ConsistencyCheckRecord Check(string name, double expected, double measured, double tolerance, bool both, string meaning)
    {
        var residual = expected > 0 ? measured / expected - 1 : 0;
        var passed = both ? Math.Abs(residual) <= tolerance : residual <= tolerance;
        return new ConsistencyCheckRecord(name, Math.Round(expected, 3), Math.Round(measured, 3), Math.Round(residual, 4), Math.Round(tolerance, 4), passed, meaning);
    }
}
