using System.Buffers;
using System.Collections.Concurrent;

namespace Bench.Objects.Model;

/// <summary>
/// VersionedObjectRegistry: object name → class. A registry can be pinned to older versions of some objects, as a
/// service running older code knows them: it then refuses newer primitives (IncompatibleObjectVersion, which makes
/// an indirection API ask the conductor for a backport) and reports the pinned versions in its version manifest.
/// </summary>
public sealed class ObjectRegistry
{
    private readonly Dictionary<string, ObjectSchema> _schemas;
    private readonly Dictionary<string, ObjectVersion> _pins;
    private readonly ConcurrentDictionary<string, (IReadOnlyDictionary<string, string> Manifest, byte[] Json)> _manifests = new(StringComparer.Ordinal);

    public ObjectRegistry(ObjectNamespace ns, IEnumerable<ObjectSchema> schemas)
        : this(ns, schemas.ToDictionary(s => s.Name, StringComparer.Ordinal), new Dictionary<string, ObjectVersion>(StringComparer.Ordinal))
    {
    }

    private ObjectRegistry(ObjectNamespace ns, Dictionary<string, ObjectSchema> schemas, Dictionary<string, ObjectVersion> pins)
    {
        Namespace = ns;
        _schemas = schemas;
        _pins = pins;
    }

    public ObjectNamespace Namespace { get; }

    public IEnumerable<ObjectSchema> Schemas => _schemas.Values;

    public ObjectSchema Get(string name) =>
        _schemas.TryGetValue(name, out var schema) ? schema : throw ObjectErrors.UnsupportedObjectError(name);

    public bool TryGet(string name, out ObjectSchema schema) => _schemas.TryGetValue(name, out schema!);

    /// <summary>The newest version of <paramref name="name"/> this registry accepts: its pin, or the class's version.</summary>
    public ObjectVersion Known(string name) => _pins.TryGetValue(name, out var pinned) ? pinned : Get(name).Version;

    /// <summary>The same classes, with these objects known only up to the given versions.</summary>
    public ObjectRegistry WithPins(params (string Name, string Version)[] pins)
    {
        var all = new Dictionary<string, ObjectVersion>(_pins, StringComparer.Ordinal);
        foreach (var (name, version) in pins)
        {
            var parsed = ObjectVersion.Parse(version);
            if (parsed > Get(name).Version)
            {
                throw new ArgumentException($"{name} {version} is newer than the class ({Get(name).Version})", nameof(pins));
            }

            all[name] = parsed;
        }

        return new ObjectRegistry(Namespace, _schemas, all);
    }

    /// <summary>
    /// obj_class_from_name: the class for a primitive's name and version. The exact version or an older minor of the
    /// same major is accepted; anything else is oslo's IncompatibleObjectVersion, an unknown name its UnsupportedObjectError.
    /// </summary>
    public ObjectSchema Resolve(string name, string version, out ObjectVersion parsed)
    {
        if (!_schemas.TryGetValue(name, out var schema))
        {
            throw ObjectErrors.UnsupportedObjectError(name);
        }

        var known = Known(name);
        if (!ObjectVersion.TryParse(version, out parsed) || !parsed.CanBeServedBy(known))
        {
            throw ObjectErrors.IncompatibleObjectVersion(name, version, known.Text);
        }

        return schema;
    }

    /// <summary>obj_tree_get_versions: the object and every object it can contain, with the versions this registry knows.</summary>
    public IReadOnlyDictionary<string, string> Manifest(string name) => ManifestEntry(name).Manifest;

    /// <summary>The manifest as the JSON object oslo sends (insertion order: the object, then its children depth first).</summary>
    public ReadOnlyMemory<byte> ManifestJson(string name) => ManifestEntry(name).Json;

    public VersionedObject FromPrimitive(ReadOnlySpan<byte> json, ObjectContext? context = null) => PrimitiveReader.Read(this, json, context);

    public T FromPrimitive<T>(ReadOnlySpan<byte> json, ObjectContext? context = null)
        where T : VersionedObject =>
        PrimitiveReader.Read(this, json, context) is T typed ? typed : throw ObjectErrors.BadValue("primitive", "name", "another object", "a " + typeof(T).Name + " is required");

    private (IReadOnlyDictionary<string, string> Manifest, byte[] Json) ManifestEntry(string name) => _manifests.GetOrAdd(name, n =>
    {
        var tree = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(n, tree);
        var output = new ArrayBufferWriter<byte>();
        PrimitiveWriter.WriteStringDictionary(output, tree);
        return (tree, output.WrittenSpan.ToArray());
    });

    private void Walk(string name, Dictionary<string, string> tree)
    {
        if (tree.ContainsKey(name))
        {
            return;
        }

        tree[name] = Known(name).Text;
        foreach (var field in Get(name).Fields)
        {
            if (field.IsObject)
            {
                Walk(field.ObjectName!, tree);
            }
        }
    }
}
