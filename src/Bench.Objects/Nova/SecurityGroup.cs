using System.Net;
using Bench.Objects.Model;

namespace Bench.Objects.Nova;

/// <summary>A security group. Fields in oslo declaration order (the order of its primitive); see <see cref="Class"/> for versions.</summary>
public sealed partial class SecurityGroup : VersionedObject
{
    private const int IdField = 0;
    private const int NameField = 1;
    private const int DescriptionField = 2;
    private const int UserIdField = 3;
    private const int ProjectIdField = 4;
    private const int DeletedField = 5;
    private const int CreatedAtField = 6;

    public SecurityGroup()
        : base(Class)
    {
    }

    internal SecurityGroup(ObjectSchema schema)
        : base(schema)
    {
    }

    /// <summary>SecurityGroup 1.1 in the nova_object namespace.</summary>
    public static ObjectSchema Class { get; } = new(ObjectNamespace.Nova, "SecurityGroup", "1.1",
    [
        ObjectField.Of("id", FieldKind.Integer, false),
        ObjectField.Of("name", FieldKind.String, false),
        ObjectField.Of("description", FieldKind.String, true),
        ObjectField.Of("user_id", FieldKind.String, true),
        ObjectField.Of("project_id", FieldKind.String, true),
        ObjectField.Of("deleted", FieldKind.Boolean, false),
        ObjectField.Of("created_at", FieldKind.DateTime, true, addedIn: "1.1"),
    ], s => new SecurityGroup(s), ["id"]);

    public long Id
    {
        get => GetInteger(IdField)!.Value;
        set => SetInteger(IdField, value);
    }

    public string Name
    {
        get => GetString(NameField)!;
        set => SetString(NameField, value);
    }

    public string? Description
    {
        get => GetString(DescriptionField);
        set => SetString(DescriptionField, value);
    }

    public string? UserId
    {
        get => GetString(UserIdField);
        set => SetString(UserIdField, value);
    }

    public string? ProjectId
    {
        get => GetString(ProjectIdField);
        set => SetString(ProjectIdField, value);
    }

    public bool Deleted
    {
        get => GetBoolean(DeletedField)!.Value;
        set => SetBoolean(DeletedField, value);
    }

    public DateTime? CreatedAt
    {
        get => GetDateTime(CreatedAtField);
        set => SetDateTime(CreatedAtField, value);
    }
}
