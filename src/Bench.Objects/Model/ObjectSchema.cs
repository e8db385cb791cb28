using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace Bench.Objects.Model;

/// <summary>
/// What a registered object class is: its name, current version, fields (in declaration order, which is the order
/// oslo writes them), a factory, and the fields that identify a stored object (sent with a save's changes).
/// At most 64 fields, so that "set", "changed" and "null" are one bit mask each.
/// </summary>
public sealed class ObjectSchema
{
    private readonly FrozenDictionary<string, ObjectField> _byName;
    private readonly FrozenDictionary<string, ObjectField>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ObjectSchema(ObjectNamespace ns, string name, string version, IReadOnlyList<ObjectField> fields, Func<ObjectSchema, VersionedObject> factory, IReadOnlyList<string>? identity = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count > 64)
        {
            throw new ArgumentException($"{name}: at most 64 fields", nameof(fields));
        }

        Namespace = ns;
        Name = name;
        Version = ObjectVersion.Parse(version);
        All = [.. fields];
        Factory = factory;
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Index >= 0)
            {
                throw new ArgumentException($"{name}.{fields[i].Name}: a field belongs to one schema", nameof(fields));
            }

            fields[i].Index = i;
        }

        _byName = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        Identity = [.. (identity ?? []).Select(f => Field(f).Index)];
        // Every primitive of this class starts the same way up to its version: written once, copied per object.
        var header = new ArrayBufferWriter<byte>();
        header.Write("{"u8);
        foreach (var (key, value) in new[] { (ns.NameKey, name), (ns.NamespaceKey, ns.Project) })
        {
            Bench.Rpc.Wire.PythonJson.String(header, key);
            header.Write(": "u8);
            Bench.Rpc.Wire.PythonJson.String(header, value);
            header.Write(", "u8);
        }

        Bench.Rpc.Wire.PythonJson.String(header, ns.VersionKey);
        header.Write(": "u8);
        Utf8Header = header.WrittenSpan.ToArray();
        IsList = fields.Count == 1 && fields[0].Name == "objects" && fields[0].Kind == FieldKind.ObjectList;
    }

    public ObjectNamespace Namespace { get; }

    /// <summary>
    /// An ObjectListBase class's schema: its one field "objects", a list of <paramref name="itemName"/>, and the item
    /// version each of its versions carries.
    /// </summary>
    public static ObjectSchema ListOf(ObjectNamespace ns, string name, string version, string itemName, Func<ObjectSchema, VersionedObject> factory, params (string Parent, string Child)[] itemVersions) =>
        new(ns, name, version, [ObjectField.ListOf("objects", itemName, false, itemVersions)], factory);

    public string Name { get; }

    /// <summary><c>{"&lt;ns&gt;.name": "&lt;Name&gt;", "&lt;ns&gt;.namespace": "&lt;project&gt;", "&lt;ns&gt;.version": </c></summary>
    internal byte[] Utf8Header { get; }

    /// <summary>The newest version this process knows (oslo's VERSION).</summary>
    public ObjectVersion Version { get; }

    public IReadOnlyList<ObjectField> Fields => All;

    /// <summary>The fields as an array: the writer, reader and change tracking loop over it without an enumerator.</summary>
    internal ObjectField[] All { get; }

    /// <summary>Indexes of the fields a save sends with the changes so the receiver can find the stored object.</summary>
    public IReadOnlyList<int> Identity { get; }

    /// <summary>An ObjectListBase: its one field "objects" (lists backport their children to 1.0 when no rule says otherwise).</summary>
    public bool IsList { get; }

    internal Func<ObjectSchema, VersionedObject> Factory { get; }

    public ObjectField Field(string name) =>
        _byName.TryGetValue(name, out var field) ? field : throw new KeyNotFoundException($"{Name} object has no attribute '{name}'");

    public ObjectField? FindField(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out var field) ? field : null;

    public VersionedObject Create() => Factory(this);

    public override string ToString() => Name + " " + Version;
}
