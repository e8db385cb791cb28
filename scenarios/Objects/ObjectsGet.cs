using Bench.Load;
using Bench.Objects;
using Bench.Objects.Nova;

namespace Bench.Scenarios.Objects;

/// <summary>objects.get: Instance.get_by_uuid through the conductor (object_class_action_versions returning an Instance).</summary>
internal class ObjectsGet : ObjectScenario
{
    public override string Id => "objects.get";

    public override string Summary => "Instance.get_by_uuid through a conductor (object_class_action_versions)";

    protected override Func<ObjectContext, StepContext, ValueTask<StepResult>> BuildRequest()
    {
        var uuids = Uuids();
        return (context, ctx) => Map(Instance.TryGetByUuidAsync(context, uuids[ctx.Invocation % Instances]));
    }
}
