using System.Net;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Objects.Model;

/// <summary>
/// obj_from_primitive over UTF-8 JSON, in one pass with no document: the keys may come in any order (a reader
/// positioned at "data" or "changes" is kept and replayed once the class is known). Refusals follow oslo's order and
/// exceptions: a missing namespace, name or version key (KeyError), another namespace or an unknown name
/// (UnsupportedObjectError), a version newer than known (IncompatibleObjectVersion), a missing data key (KeyError),
/// then each field's coercion (ValueError / TypeError naming the field and value). Unknown data keys are ignored.
/// </summary>
internal static class PrimitiveReader
{
    public static VersionedObject Read(ObjectRegistry registry, ReadOnlySpan<byte> json, ObjectContext? context)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read())
            {
                throw new ObjectModelException("ValueError", "builtins", "an object primitive is required, not an empty document");
            }

            return ReadObject(registry, ref reader, context);
        }
        catch (JsonException e)
        {
            throw new ObjectModelException("ValueError", "builtins", "malformed primitive JSON: " + e.Message);
        }
    }

    /// <summary>
    /// Applies an object_action reply's updates (field → primitive value, plus "obj_what_changed") to the caller's
    /// object, as oslo's remotable wrapper does: set each field, then the changed set is the reply's.
    /// </summary>
    public static void ApplyUpdates(ObjectRegistry registry, VersionedObject obj, ref Utf8JsonReader reader, ObjectContext? context)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = Describe(ref reader);
            throw new ObjectModelException("ValueError", "builtins", $"{obj.Schema.Name}: an object_action's updates must be a dict, not {found}");
        }

        ulong changed = 0;
        while (JsonMembers.Next(ref reader))
        {
            if (JsonMembers.Named(ref reader, "obj_what_changed"u8))
            {
                changed = ReadChanges(obj.Schema, ref reader);
                continue;
            }

            var field = obj.Schema.FindField(reader.GetString());
            reader.Read();
            if (field is null)
            {
                reader.Skip();
                continue;
            }

            ReadField(registry, obj, field, ref reader, context);
        }

        obj.SetChangedMask(changed);
    }

    internal static VersionedObject ReadObject(ObjectRegistry registry, ref Utf8JsonReader reader, ObjectContext? context)
    {
        var ns = registry.Namespace;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = Describe(ref reader);
            throw new ObjectModelException("ValueError", "builtins", $"an object primitive (a dict with {ns.NameKey}, {ns.DataKey}, …) is required, not {found}");
        }

        string? name = null, project = null, version = null;
        Utf8JsonReader data = default, changes = default;
        bool hasData = false, hasChanges = false;
        while (JsonMembers.Next(ref reader))
        {
            if (JsonMembers.Named(ref reader, ns.Utf8Name))
            {
                name = Text(ref reader);
            }
            else if (JsonMembers.Named(ref reader, ns.Utf8Namespace))
            {
                project = Text(ref reader);
            }
            else if (JsonMembers.Named(ref reader, ns.Utf8Version))
            {
                version = Text(ref reader);
            }
            else if (JsonMembers.Named(ref reader, ns.Utf8Data))
            {
                data = reader;
                hasData = true;
                reader.Skip();
            }
            else if (JsonMembers.Named(ref reader, ns.Utf8Changes))
            {
                changes = reader;
                hasChanges = true;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (project is null)
        {
            throw ObjectErrors.MissingKey(ns.NamespaceKey);
        }

        if (name is null)
        {
            throw ObjectErrors.MissingKey(ns.NameKey);
        }

        if (version is null)
        {
            throw ObjectErrors.MissingKey(ns.VersionKey);
        }

        if (project != ns.Project)
        {
            throw ObjectErrors.UnsupportedObjectError(project + "." + name);
        }

        var schema = registry.Resolve(name, version, out var parsed);
        if (!hasData)
        {
            throw ObjectErrors.MissingKey(ns.DataKey);
        }

        var obj = schema.Create();
        obj.Version = parsed;
        obj.Context = context;
        ReadData(registry, obj, ref data, context);
        obj.SetChangedMask(hasChanges ? ReadChanges(schema, ref changes) : 0);
        return obj;
    }

    private static void ReadData(ObjectRegistry registry, VersionedObject obj, ref Utf8JsonReader reader, ObjectContext? context)
    {
        var schema = obj.Schema;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = Describe(ref reader);
            throw new ObjectModelException("ValueError", "builtins", $"{schema.Name}: {schema.Namespace.DataKey} must be a dict of fields, not {found}");
        }

        Span<char> nameBuffer = stackalloc char[64];
        while (JsonMembers.Next(ref reader))
        {
            var length = reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > nameBuffer.Length ? -1
                : Encoding.UTF8.GetChars(reader.ValueSpan, nameBuffer);
            var field = length >= 0 ? schema.FindField(nameBuffer[..length]) : schema.FindField(reader.GetString());
            reader.Read();
            if (field is null)
            {
                reader.Skip(); // oslo only looks at its own fields
                continue;
            }

            ReadField(registry, obj, field, ref reader, context);
        }
    }

    private static void ReadField(ObjectRegistry registry, VersionedObject obj, ObjectField field, ref Utf8JsonReader reader, ObjectContext? context)
    {
        var i = field.Index;
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            FieldCoercion.CheckNullable(obj, field);
            obj.Store(i, 0, null, isNull: true, markChanged: false);
            return;
        }

        // The common case, a value of the field's own JSON type, is stored without a detour through object.
        switch (field.Kind)
        {
            case FieldKind.Integer when token == JsonTokenType.Number && reader.TryGetInt64(out var n):
                obj.Store(i, n, null, false, markChanged: false);
                return;
            case FieldKind.Float when token == JsonTokenType.Number:
                obj.Store(i, BitConverter.DoubleToInt64Bits(reader.GetDouble()), null, false, markChanged: false);
                return;
            case FieldKind.Boolean when token is JsonTokenType.True or JsonTokenType.False:
                obj.Store(i, token == JsonTokenType.True ? 1 : 0, null, false, markChanged: false);
                return;
            case FieldKind.String or FieldKind.Uuid when token == JsonTokenType.String:
                obj.Store(i, 0, reader.GetString(), false, markChanged: false);
                return;
            case FieldKind.DateTime when token == JsonTokenType.String && reader.ValueSpan.EndsWith("Z"u8) && reader.TryGetDateTimeOffset(out var time):
                obj.Store(i, time.UtcTicks, null, false, markChanged: false);
                return;
            case FieldKind.IPv4 or FieldKind.IPv6 when token == JsonTokenType.String && !reader.ValueIsEscaped && IPAddress.TryParse(reader.ValueSpan, out var address)
                && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || reader.ValueSpan.Count((byte)'.') == 3):
                FieldCoercion.CheckFamily(obj, field, address, reader.GetString()!);
                obj.Store(i, 0, address, false, markChanged: false);
                return;
            case FieldKind.StringDict when token == JsonTokenType.StartObject:
                obj.Store(i, 0, ReadStringDictionary(obj, field, ref reader), false, markChanged: false);
                return;
            case FieldKind.Object when token == JsonTokenType.StartObject:
            {
                var child = ReadObject(registry, ref reader, context);
                FieldCoercion.CheckObjectName(obj, field, child);
                obj.Store(i, 0, child, false, markChanged: false);
                return;
            }

            case FieldKind.ObjectList when token == JsonTokenType.StartArray:
            {
                var list = new List<VersionedObject>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var child = ReadObject(registry, ref reader, context);
                    FieldCoercion.CheckObjectName(obj, field, child);
                    list.Add(child);
                }

                obj.Store(i, 0, list, false, markChanged: false);
                return;
            }

            case FieldKind.Object or FieldKind.ObjectList:
                throw ObjectErrors.BadValue(obj.Schema.Name, field.Name, Describe(ref reader),
                    field.Kind == FieldKind.Object ? $"An object of type {field.ObjectName} is required" : $"A list of {field.ObjectName} is required");
        }

        // Anything else goes through the same coercion as a .NET value would (Python's int("42") is 42, str(5) is '5').
        FieldCoercion.Set(obj, field, Loose(ref reader), markChanged: false);
    }

    private static Dictionary<string, string> ReadStringDictionary(VersionedObject obj, ObjectField field, ref Utf8JsonReader reader)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (JsonMembers.Next(ref reader))
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                result[key] = reader.GetString()!;
                continue;
            }

            // str(number) as oslo's String coercion gives; null and containers are refused by it.
            var probe = new Dictionary<string, object?>(StringComparer.Ordinal) { [key] = Loose(ref reader) };
            var coerced = obj.Schema.Create();
            FieldCoercion.Set(coerced, field, probe, markChanged: false);
            result[key] = ((Dictionary<string, string>)coerced.RawRef(field.Index)!)[key];
        }

        return result;
    }

    private static ulong ReadChanges(ObjectSchema schema, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var found = Describe(ref reader);
            throw new ObjectModelException("ValueError", "builtins", $"{schema.Name}: {schema.Namespace.ChangesKey} must be a list of field names, not {found}");
        }

        ulong mask = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String && schema.FindField(reader.GetString()) is { } field)
            {
                mask |= 1UL << field.Index;
            }
            else
            {
                reader.Skip(); // oslo keeps only the names of its own fields
            }
        }

        return mask;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        // A number or a list where a string belongs: keep its text, so the error names what was sent.
        var text = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject ? "a container" : Encoding.UTF8.GetString(reader.ValueSpan);
        reader.Skip();
        return text;
    }

    /// <summary>A JSON value as the .NET value the coercion takes: long, double, string, bool, null, a list or a dict.</summary>
    private static object? Loose(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) ? (object)n : reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.StartArray:
            {
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(Loose(ref reader));
                }

                return list;
            }

            case JsonTokenType.StartObject:
            {
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (JsonMembers.Next(ref reader))
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    dict[key] = Loose(ref reader);
                }

                return dict;
            }

            default:
                return null;
        }
    }

    private static string Describe(ref Utf8JsonReader reader)
    {
        var found = reader.TokenType switch
        {
            JsonTokenType.StartArray => "a list",
            JsonTokenType.StartObject => "a dict",
            JsonTokenType.String => "'" + reader.GetString() + "'",
            JsonTokenType.Null => "None",
            _ => Encoding.UTF8.GetString(reader.ValueSpan),
        };
        reader.Skip();
        return found;
    }
}
