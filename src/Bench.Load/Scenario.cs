namespace Bench.Load;

/// <summary>
/// A named async step and how to drive it (NBomber's shape). The id is a key in results history: it never changes.
/// <code>Scenario.Create("call.add", step).WithWarmUp(TimeSpan.FromSeconds(5)).WithLoad(LoadSimulation.KeepConstant(64, during: TimeSpan.FromSeconds(30)))</code>
/// </summary>
public sealed class Scenario
{
    private Scenario(string id, Func<StepContext, ValueTask<StepResult>> step)
    {
        Id = id;
        Step = step;
    }

    public string Id { get; }

    public Func<StepContext, ValueTask<StepResult>> Step { get; }

    public TimeSpan WarmUp { get; private init; }

    public IReadOnlyList<LoadSimulation> Load { get; private init; } = [];

    /// <summary>How long requests still in flight at the end are waited for (their own timeout should be shorter).</summary>
    public TimeSpan DrainTimeout { get; private init; } = TimeSpan.FromSeconds(70);

    /// <summary>Open model: the most requests in flight at once before further starts wait (and count as late).</summary>
    public int MaxOutstanding { get; private init; } = 100_000;

    /// <summary>A start more than this behind its intended time counts as late.</summary>
    public TimeSpan LateThreshold { get; private init; } = TimeSpan.FromMilliseconds(1);

    public static Scenario Create(string id, Func<StepContext, ValueTask<StepResult>> step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(step);
        return new Scenario(id, step);
    }

    public Scenario WithWarmUp(TimeSpan warmUp) => warmUp < TimeSpan.Zero
        ? throw new ArgumentOutOfRangeException(nameof(warmUp), "warm-up cannot be negative")
        : Copy(warmUp: warmUp);

    public Scenario WithLoad(params LoadSimulation[] load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return load.Length == 0 ? throw new ArgumentException("at least one load simulation", nameof(load)) : Copy(load: load);
    }

    public Scenario WithDrainTimeout(TimeSpan timeout) => Copy(drain: timeout);

    public Scenario WithMaxOutstanding(int max) => Copy(maxOutstanding: max);

    public Scenario WithLateThreshold(TimeSpan threshold) => Copy(late: threshold);

    private Scenario Copy(TimeSpan? warmUp = null, IReadOnlyList<LoadSimulation>? load = null, TimeSpan? drain = null, int? maxOutstanding = null, TimeSpan? late = null) =>
        new(Id, Step)
        {
            WarmUp = warmUp ?? WarmUp,
            Load = load ?? Load,
            DrainTimeout = drain ?? DrainTimeout,
            MaxOutstanding = maxOutstanding ?? MaxOutstanding,
            LateThreshold = late ?? LateThreshold,
        };
}
