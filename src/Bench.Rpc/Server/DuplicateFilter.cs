using Bench.Rpc.Wire;

namespace Bench.Rpc.Server;

/// <summary>
/// oslo's duplicate suppression: remembers the last 16 _unique_id values and drops a message seen again (a
/// redelivery). Used from the consumer's single dispatch loop only, so it needs no lock.
/// </summary>
internal sealed class DuplicateFilter
{
    private const int Size = 16;
    private readonly (ulong High, ulong Low)[] _seen = new (ulong, ulong)[Size];
    private int _next;

    /// <summary>True when the id was seen among the last 16; otherwise remembers it.</summary>
    public bool IsDuplicate(ReadOnlySpan<byte> uniqueId)
    {
        if (!HexId.TryRead(uniqueId, out var high, out var low))
        {
            return false; // ids that are not 32 hex digits are not deduplicated
        }

        foreach (var seen in _seen)
        {
            if (seen.High == high && seen.Low == low)
            {
                return true;
            }
        }

        _seen[_next] = (high, low);
        _next = (_next + 1) % Size;
        return false;
    }
}
