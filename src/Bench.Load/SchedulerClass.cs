namespace Bench.Load;

/// <summary>What <see cref="SchedulerPriority.RaiseCurrentThread"/> got for the open-model scheduler's thread.</summary>
public enum SchedulerClass
{
    /// <summary>Nothing raised: not Linux, or no privilege for either.</summary>
    Normal,

    /// <summary>nice −10 under the normal policy.</summary>
    Nice,

    /// <summary>SCHED_FIFO at the lowest real-time priority.</summary>
    RealTime,
}
