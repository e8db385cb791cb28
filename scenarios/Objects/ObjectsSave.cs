using Bench.Load;
using Bench.Objects;
using Bench.Objects.Nova;

namespace Bench.Scenarios.Objects;

/// <summary>objects.save: Instance.save with 3 changed fields (object_action; only those fields and the identity are sent).</summary>
internal sealed class ObjectsSave() : ObjectScenario("objects.save", "Instance.save with 3 changed fields (object_action)")
{
    public override string RateLimitedMethod => "object_action";

    protected override Func<ObjectContext, StepContext, ValueTask<StepResult>> BuildRequest()
    {
        var uuids = Uuids();
        return (context, ctx) =>
        {
            var i = (int)(ctx.Invocation % Instances);
            var instance = Instance.Reference(context, uuids[i], 4000 + i);
            instance.TaskState = (ctx.Invocation & 1) == 0 ? "rebooting" : null;
            instance.VmState = "active";
            instance.Progress = ctx.Invocation % 100;
            return Map(instance.TrySaveAsync());
        };
    }
}
