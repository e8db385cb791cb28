using Bench.Objects.Model;

namespace Bench.Objects.Nova;

/// <summary>A list of instances. 2.1 carries Instance 2.7; 2.0 carried 2.6.</summary>
public sealed partial class InstanceList : ObjectList<Instance>
{
    public InstanceList()
        : base(Class)
    {
    }

    private InstanceList(ObjectSchema schema)
        : base(schema)
    {
    }

    public static ObjectSchema Class { get; } = ObjectSchema.ListOf(ObjectNamespace.Nova, "InstanceList", "2.1", "Instance", s => new InstanceList(s), ("2.0", "2.6"), ("2.1", "2.7"));
}
