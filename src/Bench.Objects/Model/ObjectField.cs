using System.Text;

namespace Bench.Objects.Model;

/// <summary>
/// One declared field: its wire name, type and nullability, and for nested objects the object name and the
/// relationships (obj_relationships): which child version each version of the parent carries. The field's index
/// (its declaration order, which is also oslo's order in the primitive's data) is set by its schema.
/// </summary>
public sealed class ObjectField
{
    private ObjectField(string name, FieldKind kind, bool nullable, string? objectName, IReadOnlyList<string>? enumValues, ObjectVersion? addedIn, IReadOnlyList<(ObjectVersion Parent, ObjectVersion Child)>? relationships)
    {
        Name = name;
        Kind = kind;
        Nullable = nullable;
        ObjectName = objectName;
        EnumValues = enumValues ?? [];
        Relationships = relationships ?? [];
        AddedIn = Relationships.Count > 0 ? Relationships[0].Parent : addedIn;
        Utf8Key = Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    /// <summary>The name as UTF-8 (field names are plain ASCII identifiers: they need no escaping).</summary>
    public byte[] Utf8Key { get; }

    public FieldKind Kind { get; }

    public bool Nullable { get; }

    /// <summary>The nested object's registry name (Object and ObjectList fields).</summary>
    public string? ObjectName { get; }

    public IReadOnlyList<string> EnumValues { get; }

    /// <summary>The object version that added this field; null when it was there from the first version.</summary>
    public ObjectVersion? AddedIn { get; }

    /// <summary>(parent version, child version) pairs, oldest first: oslo's obj_relationships for this field.</summary>
    public IReadOnlyList<(ObjectVersion Parent, ObjectVersion Child)> Relationships { get; }

    public int Index { get; internal set; } = -1;

    public bool IsObject => Kind is FieldKind.Object or FieldKind.ObjectList;

    public static ObjectField Of(string name, FieldKind kind, bool nullable = false, string? addedIn = null)
    {
        if (kind is FieldKind.Object or FieldKind.ObjectList or FieldKind.Enum)
        {
            throw new ArgumentException($"field {name}: use {nameof(Nested)}, {nameof(ListOf)} or {nameof(EnumOf)} for {kind}", nameof(kind));
        }

        return new(name, kind, nullable, null, null, addedIn is null ? null : ObjectVersion.Parse(addedIn), null);
    }

    public static ObjectField EnumOf(string name, IReadOnlyList<string> validValues, bool nullable = false, string? addedIn = null) =>
        validValues.Count == 0
            ? throw new ArgumentException($"field {name}: an enum needs valid values", nameof(validValues))
            : new(name, FieldKind.Enum, nullable, null, validValues, addedIn is null ? null : ObjectVersion.Parse(addedIn), null);

    /// <summary>A nested object; <paramref name="relationships"/> are (parent version, child version) pairs, oldest first.</summary>
    public static ObjectField Nested(string name, string objectName, bool nullable, params (string Parent, string Child)[] relationships) =>
        new(name, FieldKind.Object, nullable, objectName, null, null, Parse(name, relationships));

    public static ObjectField ListOf(string name, string objectName, bool nullable, params (string Parent, string Child)[] relationships) =>
        new(name, FieldKind.ObjectList, nullable, objectName, null, null, Parse(name, relationships));

    public override string ToString() => Name + ":" + Kind + (Nullable ? "?" : string.Empty);

    private static List<(ObjectVersion, ObjectVersion)> Parse(string name, (string Parent, string Child)[] relationships)
    {
        if (relationships.Length == 0)
        {
            throw new ArgumentException($"field {name}: a nested object needs its relationships (which child version each parent version carries)", nameof(relationships));
        }

        var parsed = relationships.Select(r => (ObjectVersion.Parse(r.Parent), ObjectVersion.Parse(r.Child))).ToList();
        for (var i = 1; i < parsed.Count; i++)
        {
            if (parsed[i].Item1 <= parsed[i - 1].Item1)
            {
                throw new ArgumentException($"field {name}: relationships must be oldest first", nameof(relationships));
            }
        }

        return parsed;
    }
}
