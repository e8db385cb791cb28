namespace Bench.Load;

/// <summary>
/// The intended start times of an open model's requests, in seconds from its start, one after the other. A Poisson
/// schedule is a unit-rate Poisson process (exponential gaps with mean 1) mapped through the inverse of the load's
/// cumulative rate, so a ramp stays a ramp; a uniform one maps 0, 1, 2, …. An agent's slice (<see cref="LoadSegment"/>)
/// walks the same schedule and keeps arrivals index, index + N, …, so N slices interleave to exactly the whole one.
/// The scheduler thread alone calls
/// <see cref="Next"/>: no allocation, no lock.
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly LoadSimulation.Open _load;
    private readonly Random? _random;
    private readonly double _endSeconds;
    private readonly int _stride;
    private long _index;
    private double _position;

    public ArrivalSchedule(LoadSimulation.Open load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
        _random = load.Arrivals == Arrivals.Poisson ? new Random(load.Seed) : null;
        _endSeconds = load.During?.TotalSeconds ?? double.PositiveInfinity;
        _stride = load.Segment.Count;
        Advance(load.Segment.Index);
    }

    /// <summary>The next request's intended start, or null when the load has issued all it should.</summary>
    public double? Next()
    {
        if (_load.Requests is { } requests && _index >= requests)
        {
            return null;
        }

        var seconds = _load.IntendedSeconds(_random is null ? _index : _position);
        if (!(seconds < _endSeconds)) // also NaN: a falling ramp has no time at which it reaches a count past its total
        {
            return null;
        }

        Advance(_stride);
        return seconds;
    }

    /// <summary>Moves past <paramref name="arrivals"/> arrivals of the whole schedule (a slice skips the other agents' ones).</summary>
    private void Advance(int arrivals)
    {
        _index += arrivals;
        if (_random is not null)
        {
            for (var i = 0; i < arrivals; i++)
            {
                _position += -Math.Log(1 - _random.NextDouble()); // Exp(1): NextDouble is in [0, 1), so 1 − u is never 0
            }
        }
    }
}
