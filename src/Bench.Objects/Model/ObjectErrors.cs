using System.Text.Json;

namespace Bench.Objects.Model;

/// <summary>The exceptions oslo.versionedobjects 3.0 raises, with its own wording (exception.py msg_fmt) and kwargs.</summary>
public static class ObjectErrors
{
    public const string OsloModule = "oslo_versionedobjects.exception";

    /// <summary>A primitive's version newer (or of another major) than the class this process knows.</summary>
    public static ObjectModelException IncompatibleObjectVersion(string objname, string objver, string supported) =>
        new("IncompatibleObjectVersion", OsloModule, $"Version {objver} of {objname} is not supported, supported version is {supported}",
            Kwargs(("objname", objname), ("objver", objver), ("supported", supported)));

    public static ObjectModelException UnsupportedObjectError(string objtype) =>
        new("UnsupportedObjectError", OsloModule, $"Unsupported object type {objtype}", Kwargs(("objtype", objtype)));

    /// <summary>obj_to_primitive asked for a version newer than the object's own.</summary>
    public static ObjectModelException InvalidTargetVersion(string version) =>
        new("InvalidTargetVersion", OsloModule, $"Invalid target version {version}", Kwargs(("version", version)));

    public static ObjectModelException OrphanedObjectError(string method, string objtype) =>
        new("OrphanedObjectError", OsloModule, $"Cannot call {method} on orphaned {objtype} object", Kwargs(("method", method), ("objtype", objtype)));

    /// <summary>A primitive without one of its keys: Python's primitive[key] raises KeyError('nova_object.data').</summary>
    public static ObjectModelException MissingKey(string key) => new("KeyError", "builtins", $"'{key}': the primitive has no {key}");

    /// <summary>A field value oslo's coercion refuses (Python ValueError), naming the object, the field and the value.</summary>
    public static ObjectModelException BadValue(string objname, string field, string value, string expected) =>
        new("ValueError", "builtins", $"{objname}.{field}: {expected}, not {value}");

    /// <summary>A value of the wrong shape where Python's int()/float() raise TypeError (a list or dict for a number).</summary>
    public static ObjectModelException WrongType(string objname, string field, string value, string expected) =>
        new("TypeError", "builtins", $"{objname}.{field}: {expected}, not {value}");

    public static ObjectModelException NotNullable(string objname, string field) =>
        new("ValueError", "builtins", $"{objname}.{field}: Field `{field}' cannot be None");

    private static string Kwargs(params (string Key, string Value)[] pairs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs)
            {
                writer.WriteString(key, value);
            }

            writer.WriteNumber("code", 500);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
