using System.Globalization;

namespace Bench.Reporting.Broker;

/// <summary>
/// Names a variant's bottleneck from the broker's view and Bench's own figures, with the rule that decided it:
/// <list type="number">
/// <item>broker: a memory or disk alarm was on in a measured second (publishers were blocked).</item>
/// <item>worker: requests waited at the worker's queue: mean ready ≥ 1 and consumer utilisation below 95% (consumers
/// could not take more: busy, or held back by prefetch), or ready + unacknowledged ≥ half the requests in flight.</item>
/// <item>client: the queue was empty (mean ready &lt; 0.5), consumers could take a message at once ≥ 95% of the time, and
/// less than half the requests in flight were at the worker: the time went on the client's side (or the way back).</item>
/// <item>unclear: anything else (the evidence disagrees), said with the figures.</item>
/// </list>
/// RabbitMQ's consumer utilisation is the share of time the queue could hand a message to a consumer at once: low means
/// consumers were the limit. A variant without a broker view is "unknown".
/// </summary>
public static class BottleneckVerdict
{
    public const string How = "broker if a memory/disk alarm was on; worker if messages waited at its queue (mean ready ≥ 1 with consumer utilisation < 95%, or ready + unacked ≥ half of those in flight); client if the queue was empty (ready < 0.5), utilisation ≥ 95% and under half in flight were at the worker; else unclear";

    public static BottleneckRecord Decide(ScenarioRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Broker is not { Summary.Samples: > 0 } broker)
        {
            return new BottleneckRecord("unknown", "unknown: no broker view of this run", How);
        }

        if (broker.Queues.Count == 0)
        {
            return new BottleneckRecord("unknown", "unknown: the scenario has no queue on the broker", How);
        }

        var s = broker.Summary;
        var inFlight = ConsistencyCheck.Outstanding(record) is { } n && record.Model == "closed" ? n : record.Throughput * record.Latency.Raw.MeanUs / 1e6;
        var atWorker = s.MeanReady + s.MeanUnacked;
        var share = inFlight > 0 ? atWorker / inFlight : 0;
        var u = s.MeanUtilisation;
        var utilisation = u is { } x ? x.ToString("0%", CultureInfo.InvariantCulture) : "not reported";
        if (s.MemoryAlarmSeconds > 0 || s.DiskAlarmSeconds > 0)
        {
            var which = s.MemoryAlarmSeconds > 0 ? $"a memory alarm for {s.MemoryAlarmSeconds} s" : $"a disk alarm for {s.DiskAlarmSeconds} s";
            return new BottleneckRecord("broker", $"the broker: publishers were blocked by {which}", How);
        }

        if ((s.MeanReady >= 1 && u is < 0.95) || share >= 0.5)
        {
            return new BottleneckRecord("worker", string.Create(CultureInfo.InvariantCulture,
                $"the worker: its queue held {s.MeanReady:0.#} ready messages on average (max {s.MaxReady:0}) and {s.MeanUnacked:0.#} unacknowledged, of {inFlight:0.#} in flight; consumer utilisation {utilisation}"), How);
        }

        if (s.MeanReady < 0.5 && u is >= 0.95 && share < 0.5)
        {
            return new BottleneckRecord("client", string.Create(CultureInfo.InvariantCulture,
                $"the client: the queue was empty (mean {s.MeanReady:0.##} ready, {s.MeanUnacked:0.#} unacknowledged of {inFlight:0.#} in flight) and consumers could take a message at once {utilisation} of the time"), How);
        }

        return new BottleneckRecord("unclear", string.Create(CultureInfo.InvariantCulture,
            $"unclear: mean ready {s.MeanReady:0.##}, unacknowledged {s.MeanUnacked:0.#} of {inFlight:0.#} in flight, consumer utilisation {utilisation}: the evidence disagrees"), How);
    }
}
