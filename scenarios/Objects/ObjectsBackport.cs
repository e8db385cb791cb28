using Bench.Objects.Model;
using Bench.Objects.Nova;

namespace Bench.Scenarios.Objects;

/// <summary>objects.backport: objects.get from a client pinned at Instance 2.6, one minor older: the conductor backports.</summary>
internal sealed class ObjectsBackport() : ObjectsGet(
    "objects.backport", "get_by_uuid from a client pinned one minor version older (the conductor backports)")
{
    public const string PinnedInstanceVersion = "2.6";

    protected override ObjectRegistry Registry => NovaObjects.Registry.WithPins(("Instance", PinnedInstanceVersion));
}
