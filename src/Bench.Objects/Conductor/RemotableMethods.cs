using Bench.Objects.Model;
using Bench.Rpc;

namespace Bench.Objects.Conductor;

/// <summary>
/// The remotable methods a conductor can run, by object name and method name: class methods (get_by_uuid) that
/// return an object, and object methods (save) that act on the object the caller sent. Each runs the object's own
/// code with the conductor's context, which has the store, so it runs locally there.
/// </summary>
public sealed class RemotableMethods
{
    private readonly Dictionary<(string, string), Func<ObjectContext, RemoteArgs, CancellationToken, ValueTask<VersionedObject?>>> _classActions = [];
    private readonly Dictionary<(string, string), Func<VersionedObject, RemoteArgs, CancellationToken, ValueTask<RawJson?>>> _objectActions = [];

    public RemotableMethods AddClassAction(string objname, string method, Func<ObjectContext, RemoteArgs, CancellationToken, ValueTask<VersionedObject?>> action)
    {
        _classActions[(objname, method)] = action;
        return this;
    }

    public RemotableMethods AddObjectAction(string objname, string method, Func<VersionedObject, RemoteArgs, CancellationToken, ValueTask<RawJson?>> action)
    {
        _objectActions[(objname, method)] = action;
        return this;
    }

    internal Func<ObjectContext, RemoteArgs, CancellationToken, ValueTask<VersionedObject?>> ClassAction(string objname, string method) =>
        _classActions.TryGetValue((objname, method), out var action) ? action : throw ConductorErrors.NoSuchObjectMethod(objname, method, classMethod: true);

    internal Func<VersionedObject, RemoteArgs, CancellationToken, ValueTask<RawJson?>> ObjectAction(string objname, string method) =>
        _objectActions.TryGetValue((objname, method), out var action) ? action : throw ConductorErrors.NoSuchObjectMethod(objname, method, classMethod: false);
}
