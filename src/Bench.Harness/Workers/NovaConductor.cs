using Bench.Objects;
using Bench.Objects.Conductor;
using Bench.Objects.Nova;

namespace Bench.Harness.Workers;

/// <summary>
/// The conductor a worker hosts for the object scenarios (`bench worker --conductor`, or in the client's process):
/// Nova's conductor over a store seeded with <see cref="Instances"/> instances over <see cref="Hosts"/> hosts.
/// </summary>
public static class NovaConductor
{
    public const int Instances = 1000;

    public const int Hosts = 10;

    public static ConductorManager Create() =>
        new(NovaObjects.Registry, new InstanceStore(Instances, Hosts), RemoteCall.NovaMethods());
}
