namespace Bench.Load;

/// <summary>
/// The first N error messages per outcome, collected without a lock: a counter claims a slot and a CAS pushes a node
/// (SE.Redis's profiling list). After N, offering costs one volatile read.
/// </summary>
internal sealed class ErrorSamples(int perKind)
{
    private readonly int[] _claimed = new int[3];
    private Node? _head;

    public void Offer(Outcome outcome, string message)
    {
        ref var claimed = ref _claimed[(int)outcome];
        if (Volatile.Read(ref claimed) >= perKind || Interlocked.Increment(ref claimed) > perKind)
        {
            return;
        }

        var node = new Node(new ErrorSample(outcome, message));
        do
        {
            node.Next = Volatile.Read(ref _head);
        }
        while (Interlocked.CompareExchange(ref _head, node, node.Next) != node.Next);
    }

    public List<ErrorSample> Drain()
    {
        var list = new List<ErrorSample>();
        for (var node = Interlocked.Exchange(ref _head, null); node is not null; node = node.Next)
        {
            list.Add(node.Sample);
        }

        list.Reverse(); // oldest first
        return list;
    }

    private sealed class Node(ErrorSample sample)
    {
        public ErrorSample Sample { get; } = sample;

        public Node? Next { get; set; }
    }
}
