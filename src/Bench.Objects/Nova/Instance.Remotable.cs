using Bench.Objects.Conductor;
using Bench.Objects.Model;
using Bench.Rpc;

namespace Bench.Objects.Nova;

/// <summary>
/// Instance's remotable methods. The caller's code is the same either way: with a store in the context (the
/// conductor) they run locally; otherwise they go to the conductor through the indirection API.
/// </summary>
public sealed partial class Instance
{
    public static async ValueTask<Instance> GetByUuidAsync(ObjectContext context, string uuid, CancellationToken cancellationToken = default) =>
        (await TryGetByUuidAsync(context, uuid, cancellationToken)).Unwrap() ?? throw ConductorErrors.InstanceNotFound(uuid);

    /// <summary>get_by_uuid with the outcome as a value (the load path).</summary>
    public static ValueTask<ObjectCallResult<Instance>> TryGetByUuidAsync(ObjectContext context, string uuid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Store is { } store)
        {
            try
            {
                return new(ObjectCallResult<Instance>.Ok(store.GetByUuid(context, uuid)));
            }
            catch (RemoteError e)
            {
                return new(ObjectCallResult<Instance>.Failed(CallOutcome.RemoteError, e));
            }
        }

        return context.RemoteFor("get_by_uuid", "Instance").ClassActionAsync<Instance>(context, "Instance", "get_by_uuid", RemoteCall.StringArgs(uuid), default, cancellationToken);
    }

    /// <summary>Saves the changed fields (only those cross the wire), then the object has no changes and a new updated_at.</summary>
    public async ValueTask SaveAsync(CancellationToken cancellationToken = default) => (await TrySaveAsync(cancellationToken)).Unwrap();

    public ValueTask<ObjectCallResult<RawJson>> TrySaveAsync(CancellationToken cancellationToken = default)
    {
        var context = Context ?? throw ObjectErrors.OrphanedObjectError("save", "Instance");
        if (context.Store is { } store)
        {
            try
            {
                store.Save(this);
                return new(ObjectCallResult<RawJson>.Ok(default));
            }
            catch (RemoteError e)
            {
                return new(ObjectCallResult<RawJson>.Failed(CallOutcome.RemoteError, e));
            }
        }

        return context.RemoteFor("save", "Instance").ObjectActionAsync(this, "save", default, default, cancellationToken);
    }

    /// <summary>An instance known only by its identity (uuid, id), to change a few fields and save them.</summary>
    public static Instance Reference(ObjectContext context, string uuid, long id)
    {
        var instance = new Instance { Uuid = uuid, Id = id, Context = context };
        instance.ResetChanges();
        return instance;
    }
}
