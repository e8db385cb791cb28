using Bench.Load;
using Bench.Objects;
using Bench.Objects.Nova;

namespace Bench.Scenarios.Objects;

/// <summary>objects.get: Instance.get_by_uuid through the conductor (object_class_action_versions returning an Instance).</summary>
/// <remarks>Its id and summary are parameters for the scenario that gets the same way from a pinned client (objects.backport).</remarks>
internal class ObjectsGet(string id, string summary) : ObjectScenario(id, summary)
{
    public ObjectsGet()
        : this("objects.get", "Instance.get_by_uuid through a conductor (object_class_action_versions)")
    {
    }

    protected override Func<ObjectContext, StepContext, ValueTask<StepResult>> BuildRequest()
    {
        var uuids = Uuids();
        return (context, ctx) => Map(Instance.TryGetByUuidAsync(context, uuids[ctx.Invocation % Instances]));
    }
}
