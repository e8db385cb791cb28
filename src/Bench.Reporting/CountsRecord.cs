namespace Bench.Reporting;

/// <summary>Every request, counted once: issued = ok + failed + timedOut, checked and written as <see cref="Accounted"/>.</summary>
public sealed record CountsRecord
{
    public long Issued { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long TimedOut { get; init; }

    /// <summary>Of the timed out: still in flight when the drain ended.</summary>
    public long Abandoned { get; init; }

    /// <summary>Open model: abandoned requests that completed after the drain gave up on them (not counted again).</summary>
    public long LateCompletions { get; init; }

    /// <summary>Open model: starts more than the late threshold behind schedule.</summary>
    public long LateStarts { get; init; }

    public double MaxLatenessMs { get; init; }

    /// <summary>Casts: messages the worker(s) received (lost = expected − delivered).</summary>
    public long? Delivered { get; init; }

    /// <summary>Casts: messages the worker(s) received but could not dispatch (dead-lettered).</summary>
    public long? Rejected { get; init; }

    public bool Accounted { get; init; }
}
