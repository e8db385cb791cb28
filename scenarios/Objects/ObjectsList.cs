using Bench.Load;
using Bench.Objects;
using Bench.Objects.Nova;

namespace Bench.Scenarios.Objects;

/// <summary>objects.list: InstanceList.get_by_host, a list of 100 instances.</summary>
internal sealed class ObjectsList() : ObjectScenario("objects.list", "InstanceList.get_by_host: 100 instances")
{
    protected override Func<ObjectContext, StepContext, ValueTask<StepResult>> BuildRequest()
    {
        var hosts = Enumerable.Range(0, Hosts).Select(h => SampleInstances.Host(h, Hosts)).ToArray();
        return (context, ctx) => Map(InstanceList.TryGetByHostAsync(context, hosts[ctx.Invocation % Hosts]));
    }
}
