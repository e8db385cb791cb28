using Bench.Rpc.Server;

namespace Bench.Rpc.Tests.Server;

/// <summary>The lock-free handler slots: free slots are taken at once, the rest wait in turn, and no place is lost.</summary>
public sealed class SlotGateTests
{
    [Fact]
    public async Task Free_slots_are_taken_at_once_and_a_leaving_holder_hands_its_slot_to_a_waiter()
    {
        using var gate = new SlotGate(2);
        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter()); // queued: its place is kept
        Assert.Equal(3, gate.Count);

        var turn = gate.WaitTurnAsync(TimeSpan.FromMinutes(1));
        Assert.False(turn.IsCompleted);
        gate.Exit();
        Assert.True(await turn);
        Assert.Equal(2, gate.Count);

        gate.Exit();
        gate.Exit();
        Assert.Equal(0, gate.Count);
        Assert.True(gate.TryEnter()); // nothing left over: a free slot again, no stale hand-off
        Assert.Equal(1, gate.Count);
    }

    [Fact]
    public async Task A_waiter_whose_patience_ran_out_keeps_its_place_and_runs_when_a_slot_frees()
    {
        using var gate = new SlotGate(1);
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        Assert.False(await gate.WaitTurnAsync(TimeSpan.FromMilliseconds(1)));
        var turn = gate.WaitTurnAsync();
        gate.Exit();
        await turn;
        Assert.Equal(1, gate.Count);
    }

    [Fact]
    public async Task Many_deliveries_through_few_slots_never_hold_more_than_the_slots()
    {
        const int Slots = 4;
        using var gate = new SlotGate(Slots);
        var running = 0;
        var most = 0;
        var done = 0;
        async Task DeliverAsync()
        {
            if (!gate.TryEnter())
            {
                await gate.WaitTurnAsync();
            }

            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
            gate.Exit();
        }

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => Task.Run(DeliverAsync)));
        Assert.Equal(2000, done);
        Assert.InRange(most, 1, Slots);
        Assert.Equal(0, gate.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
