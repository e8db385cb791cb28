using Bench.Objects.Model;

namespace Bench.Objects.Nova;

/// <summary>An instance's security groups. 1.1 carries SecurityGroup 1.1; 1.0 carried 1.0.</summary>
public sealed class SecurityGroupList : ObjectList<SecurityGroup>
{
    public SecurityGroupList()
        : base(Class)
    {
    }

    private SecurityGroupList(ObjectSchema schema)
        : base(schema)
    {
    }

    public static ObjectSchema Class { get; } = ObjectSchema.ListOf(ObjectNamespace.Nova, "SecurityGroupList", "1.1", "SecurityGroup", s => new SecurityGroupList(s), ("1.0", "1.0"), ("1.1", "1.1"));
}
