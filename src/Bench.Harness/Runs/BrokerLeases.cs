using Bench.Broker;

namespace Bench.Harness.Runs;

/// <summary>
/// The broker of a `bench run`, which may change between scenarios: a run whose specs ask for different node counts
/// (the cluster suite: one node, then three) gets a private broker of each size in turn, the previous one stopped
/// first so idle nodes do not take CPU from the one measured. An external broker (--amqp) is the same for every spec.
/// </summary>
public sealed class BrokerLeases(string? amqp, PrivateBrokerOptions? options) : IAsyncDisposable
{
    private int _nodes;

    public BrokerLease Current { get; private set; } = null!;

    /// <summary>The lease for <paramref name="nodes"/> private nodes (the current one when it already has that many, or the broker is external).</summary>
    public async Task<BrokerLease> UseAsync(int nodes, CancellationToken cancellationToken)
    {
        if (Current is not null && (nodes == _nodes || !Current.IsPrivate))
        {
            return Current;
        }

        if (Current is not null)
        {
            await Current.DisposeAsync();
            Current = null!;
        }

        Current = await BrokerLease.AcquireAsync(amqp, nodes, options, cancellationToken);
        _nodes = nodes;
        return Current;
    }

    public ValueTask DisposeAsync() => Current?.DisposeAsync() ?? ValueTask.CompletedTask;
}
