using Bench.Objects.Conductor;
using Bench.Objects.Model;
using Bench.Rpc;

namespace Bench.Objects;

/// <summary>
/// The context objects are loaded in and carry (sticky: an object remembers it, so instance.SaveAsync() needs no
/// argument): the caller's request context, the registry of object versions this side knows, and where remotable
/// methods run — locally against <see cref="Store"/> when the database is reachable (the conductor), otherwise over
/// RPC through <see cref="Conductor"/> (oslo's indirection_api).
/// </summary>
public sealed class ObjectContext(ObjectRegistry registry, RequestContext? request = null, InstanceStore? store = null, ConductorClient? conductor = null)
{
    public ObjectRegistry Registry { get; } = registry;

    public RequestContext? Request { get; } = request;

    public InstanceStore? Store { get; } = store;

    public ConductorClient? Conductor { get; } = conductor;

    /// <summary>Where a remotable method with no local store goes; oslo raises OrphanedObjectError without a context to run in.</summary>
    internal ConductorClient RemoteFor(string method, string objtype) =>
        Conductor ?? throw ObjectErrors.OrphanedObjectError(method, objtype);
}
