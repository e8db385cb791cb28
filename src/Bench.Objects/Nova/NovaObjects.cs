using Bench.Objects.Model;

namespace Bench.Objects.Nova;

/// <summary>The registry of the Nova objects Bench implements, in the nova_object namespace.</summary>
public static class NovaObjects
{
    public static ObjectRegistry Registry { get; } = new(ObjectNamespace.Nova,
        [Instance.Class, Flavor.Class, SecurityGroup.Class, SecurityGroupList.Class, InstanceList.Class]);
}
