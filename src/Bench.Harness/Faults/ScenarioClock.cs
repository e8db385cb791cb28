using System.Diagnostics;

namespace Bench.Harness.Faults;

/// <summary>Seconds from the start of a scenario's measurement: the time base of faults, worker events and the timeline.</summary>
public sealed class ScenarioClock
{
    private long _zero;

    /// <summary>Marks the start of measurement (the load engine starts its timeline right after).</summary>
    public void Start() => Volatile.Write(ref _zero, Stopwatch.GetTimestamp());

    /// <summary>Seconds since <see cref="Start"/>; 0 before it (during set-up and warm-up).</summary>
    public double Elapsed => Volatile.Read(ref _zero) is var zero and not 0 ? Stopwatch.GetElapsedTime(zero).TotalSeconds : 0;
}
