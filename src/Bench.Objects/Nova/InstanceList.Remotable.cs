using Bench.Objects.Conductor;
using Bench.Rpc;

namespace Bench.Objects.Nova;

/// <summary>InstanceList's remotable class method get_by_host: local with a store, through the conductor otherwise.</summary>
public sealed partial class InstanceList
{
    public static async ValueTask<InstanceList> GetByHostAsync(ObjectContext context, string host, CancellationToken cancellationToken = default) =>
        (await TryGetByHostAsync(context, host, cancellationToken)).Unwrap()!;

    public static ValueTask<ObjectCallResult<InstanceList>> TryGetByHostAsync(ObjectContext context, string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Store is { } store)
        {
            return new(ObjectCallResult<InstanceList>.Ok(store.GetByHost(context, host)));
        }

        return context.RemoteFor("get_by_host", "InstanceList").ClassActionAsync<InstanceList>(context, "InstanceList", "get_by_host", RemoteCall.StringArgs(host), default, cancellationToken);
    }
}
