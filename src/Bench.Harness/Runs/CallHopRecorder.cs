using System.Diagnostics;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;

namespace Bench.Harness.Runs;

/// <summary>
/// Records the hops of stamped calls (see <see cref="CallHops"/>) into fixed-size histograms, one set per client
/// connection: each client reports from its own reply-consumer loop, so each set has a single writer and recording
/// takes no lock and allocates nothing. Sets are merged when the run ends. A set is 5 histograms of ~280 KB, so at
/// most <see cref="MaxClients"/> connections are recorded; requests are spread evenly, so those are a fair sample.
/// </summary>
public sealed class CallHopRecorder
{
    public const int MaxClients = 8;

    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly HopSet[] _sets;
    private readonly RpcClient[] _clients;

    public CallHopRecorder(RpcClient[] clients)
    {
        _clients = clients[..Math.Min(clients.Length, MaxClients)];
        _sets = new HopSet[_clients.Length];
        for (var i = 0; i < _clients.Length; i++)
        {
            var index = i;
            _sets[i] = new HopSet();
            _clients[i].HopsObserved = hops => Volatile.Read(ref _sets[index]).Record(hops);
        }
    }

    /// <summary>How many of the run's client connections are recorded.</summary>
    public int Sampled => _clients.Length;

    /// <summary>Starts over (after the warm-up): fresh sets, so a loop still writing an old one writes what is dropped.</summary>
    public void Reset()
    {
        for (var i = 0; i < _sets.Length; i++)
        {
            Volatile.Write(ref _sets[i], new HopSet());
        }
    }

    /// <summary>Stops recording and returns the merged hops.</summary>
    public List<HopRecord> Finish()
    {
        foreach (var client in _clients)
        {
            client.HopsObserved = null;
        }

        var merged = new HopSet();
        foreach (var set in _sets)
        {
            for (var h = 0; h < merged.Histograms.Length; h++)
            {
                merged.Histograms[h].Add(set.Histograms[h]);
            }
        }

        return merged.Histograms[0].Count == 0 ? [] : [.. CallHops.Names.Select((name, h) => HopRecord.From(name, merged.Histograms[h]))];
    }

    private sealed class HopSet
    {
        public LatencyHistogram[] Histograms { get; } = [.. CallHops.Names.Select(_ => new LatencyHistogram())];

        public void Record(CallHops hops)
        {
            var histograms = Histograms;
            for (var h = 0; h < histograms.Length; h++)
            {
                histograms[h].Record((long)(hops.Ticks(h) * s_nanosecondsPerTick));
            }
        }
    }
}
