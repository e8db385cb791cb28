namespace Bench.Load;

/// <summary>
/// Which share of a load one of N agents runs, in the manner of k6's execution segments: agent <see cref="Index"/>
/// (0-based) of <see cref="Count"/>. An open model's share is every Count-th arrival of the one schedule, starting at
/// Index, so the N schedules interleave to exactly the single schedule; a closed model's outstanding and request counts
/// are divided exactly, the remainder going to the lowest indexes.
/// </summary>
public readonly record struct LoadSegment
{
    public LoadSegment(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"agent index {index} is not in 0..{count - 1}");
        }

        Index = index;
        Count = count;
    }

    public static LoadSegment Whole => new(0, 1);

    public int Index { get; }

    public int Count { get; }

    public bool IsWhole => Count <= 1;

    /// <summary>This segment's part of <paramref name="total"/> items dealt round-robin: ⌈(total − index) / count⌉.</summary>
    public long ShareOf(long total) => total <= Index ? 0 : ((total - Index - 1) / Count) + 1;

    public override string ToString() => $"{Index + 1} of {Count}";
}
