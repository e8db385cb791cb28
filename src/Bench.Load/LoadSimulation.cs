using System.Globalization;

namespace Bench.Load;

/// <summary>
/// How a scenario is driven (NBomber's load simulations). A closed model keeps N requests outstanding; an open model
/// sends at a rate whatever the system does, each request scheduled at its intended time, and measures latency from
/// that time, so a stall shows up as latency rather than as requests never sent (coordinated omission).
/// Every simulation ends after a duration or a request count.
/// </summary>
public abstract record LoadSimulation
{
    private LoadSimulation(TimeSpan? during, long? requests)
    {
        if ((during is null) == (requests is null))
        {
            throw new ArgumentException("give either a duration or a request count");
        }

        if (during is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(during), "duration must be positive");
        }

        if (requests is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requests), "request count must be positive");
        }

        During = during;
        Requests = requests;
    }

    public TimeSpan? During { get; }

    public long? Requests { get; }

    /// <summary>The share of the load this agent runs (<see cref="LoadSegment.Whole"/> unless <see cref="Slice"/> made it).</summary>
    public LoadSegment Segment { get; private init; } = LoadSegment.Whole;

    /// <summary>The requests this agent issues when the load is counted: its share of <see cref="Requests"/>.</summary>
    public long? SegmentRequests => Requests is { } r ? (this is Closed ? r : Segment.ShareOf(r)) : null;

    /// <summary>
    /// Agent <paramref name="segment"/>'s share. Open: the same schedule, of which it issues every Count-th arrival
    /// (so rates, ramps and Poisson draws stay those of the whole). Closed: outstanding and requests divided exactly;
    /// a share of zero is refused, since an agent with nothing to do would measure nothing.
    /// </summary>
    public LoadSimulation Slice(LoadSegment segment)
    {
        if (segment.IsWhole)
        {
            return this;
        }

        switch (this)
        {
            case Open open:
                return open with { Segment = segment };
            case Closed closed:
                var outstanding = segment.ShareOf(closed.Outstanding);
                var requests = closed.Requests is { } r ? segment.ShareOf(r) : (long?)null;
                if (outstanding == 0 || requests == 0)
                {
                    throw new ArgumentException($"a closed load of {closed.Outstanding} outstanding{(closed.Requests is { } n ? $" and {n} requests" : string.Empty)} cannot be split over {segment.Count} agents: each needs at least one");
                }

                return new Closed((int)outstanding, closed.During, requests) { Segment = segment };
            default:
                throw new NotSupportedException(GetType().Name);
        }
    }

    /// <summary>Closed model: <paramref name="outstanding"/> requests in flight at all times.</summary>
    public static LoadSimulation KeepConstant(int outstanding, TimeSpan? during = null, long? requests = null) => new Closed(outstanding, during, requests);

    /// <summary>Open model: requests at <paramref name="rate"/> per second, evenly spaced or with Poisson arrivals.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan? during = null, long? requests = null, Arrivals arrivals = Arrivals.Uniform, int seed = DefaultSeed) =>
        new Open(rate, rate, during, requests) { Arrivals = arrivals, Seed = seed };

    /// <summary>Open model whose rate moves linearly from one value to another over the duration.</summary>
    public static LoadSimulation Ramp(double fromRate, double toRate, TimeSpan during, Arrivals arrivals = Arrivals.Uniform, int seed = DefaultSeed) =>
        new Open(fromRate, toRate, during, null) { Arrivals = arrivals, Seed = seed };

    /// <summary>The Poisson schedule's seed when none is given: fixed, so a run's arrivals are the same every time.</summary>
    public const int DefaultSeed = 20261121;

    /// <summary>The model in words, for results and screens: "closed 64 for 10 s", "open 2000/s for 1,000,000 requests".</summary>
    public abstract string Describe();

    protected string Extent() => (During is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"for {d.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"for {Requests:N0} requests"))
        + (Segment.IsWhole ? string.Empty : $", agent slice {Segment}");

    public sealed record Closed : LoadSimulation
    {
        internal Closed(int outstanding, TimeSpan? during, long? requests)
            : base(during, requests)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(outstanding, 1);
            Outstanding = outstanding;
        }

        public int Outstanding { get; }

        public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"closed, {Outstanding} outstanding, {Extent()}");
    }

    public sealed record Open : LoadSimulation
    {
        internal Open(double fromRate, double toRate, TimeSpan? during, long? requests)
            : base(during, requests)
        {
            if (!(fromRate > 0) || !(toRate > 0) || double.IsInfinity(fromRate) || double.IsInfinity(toRate))
            {
                throw new ArgumentOutOfRangeException(nameof(fromRate), "rates must be positive");
            }

            FromRate = fromRate;
            ToRate = toRate;
        }

        public double FromRate { get; }

        public double ToRate { get; }

        public bool IsRamp => FromRate != ToRate;

        public Arrivals Arrivals { get; init; }

        /// <summary>The seed of a Poisson schedule (unused for uniform arrivals).</summary>
        public int Seed { get; init; } = DefaultSeed;

        public override string Describe() => (IsRamp
            ? string.Create(CultureInfo.InvariantCulture, $"open, ramp {FromRate:0.##}/s to {ToRate:0.##}/s, {Extent()}")
            : string.Create(CultureInfo.InvariantCulture, $"open, {FromRate:0.##}/s, {Extent()}"))
            + (Arrivals == Arrivals.Poisson ? ", Poisson arrivals" : string.Empty);

        /// <summary>
        /// Seconds from the start at which the cumulative count of requests reaches <paramref name="i"/> (the integral
        /// of the rate, inverted): request i of a uniform schedule, or any point of a Poisson one.
        /// </summary>
        public double IntendedSeconds(double i)
        {
            if (!IsRamp)
            {
                return i / FromRate;
            }

            // n(t) = r0·t + (r1 − r0)·t² / (2D): solve n(t) = i for t.
            var d = During!.Value.TotalSeconds;
            var a = (ToRate - FromRate) / (2 * d);
            return (-FromRate + Math.Sqrt((FromRate * FromRate) + (4 * a * i))) / (2 * a);
        }
    }
}
