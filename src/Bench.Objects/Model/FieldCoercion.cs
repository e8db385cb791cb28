using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bench.Objects.Model;

/// <summary>
/// oslo's Field.coerce for each field type, applied to a .NET value: what Python's int(), str(), bool(), float(),
/// timeutils.parse_isotime and netaddr.IPAddress accept, the same values are accepted here; what they refuse is
/// refused with the same Python exception class (ValueError or TypeError) and a message naming object, field and value.
/// </summary>
internal static class FieldCoercion
{
    public static void Set(VersionedObject target, ObjectField field, object? value, bool markChanged = true)
    {
        var i = field.Index;
        if (value is null)
        {
            CheckNullable(target, field);
            target.Store(i, 0, null, isNull: true, markChanged);
            return;
        }

        switch (field.Kind)
        {
            case FieldKind.Integer:
                target.Store(i, ToInteger(target, field, value), null, false, markChanged);
                break;
            case FieldKind.Boolean:
                target.Store(i, IsTruthy(value) ? 1 : 0, null, false, markChanged);
                break;
            case FieldKind.Float:
                target.Store(i, BitConverter.DoubleToInt64Bits(ToFloat(target, field, value)), null, false, markChanged);
                break;
            case FieldKind.DateTime:
                target.Store(i, ToDateTime(target, field, value).Ticks, null, false, markChanged);
                break;
            case FieldKind.String:
                target.Store(i, 0, ToText(target, field, value), false, markChanged);
                break;
            case FieldKind.Uuid:
                target.Store(i, 0, value is string or long or int or Guid ? Convert.ToString(value, CultureInfo.InvariantCulture) : throw Bad(target, field, value, "a UUID string is required"), false, markChanged);
                break;
            case FieldKind.Enum:
                if (value is not string text || !field.EnumValues.Contains(text))
                {
                    throw Bad(target, field, value, "Field value is invalid: it must be one of " + string.Join(", ", field.EnumValues));
                }

                target.Store(i, 0, text, false, markChanged);
                break;
            case FieldKind.IPv4:
            case FieldKind.IPv6:
                target.Store(i, 0, ToAddress(target, field, value), false, markChanged);
                break;
            case FieldKind.Object:
                if (value is not VersionedObject child)
                {
                    throw Bad(target, field, value, $"An object of type {field.ObjectName} is required");
                }

                CheckObjectName(target, field, child);
                target.Store(i, 0, child, false, markChanged);
                break;
            case FieldKind.ObjectList:
                target.Store(i, 0, ToObjectList(target, field, value), false, markChanged);
                break;
            case FieldKind.StringDict:
                target.Store(i, 0, ToStringDictionary(target, field, value), false, markChanged);
                break;
            default:
                throw new InvalidOperationException("unknown field kind " + field.Kind);
        }
    }

    public static void CheckNullable(VersionedObject target, ObjectField field)
    {
        if (!field.Nullable)
        {
            throw ObjectErrors.NotNullable(target.Schema.Name, field.Name);
        }
    }

    public static void CheckObjectName(VersionedObject target, ObjectField field, VersionedObject value)
    {
        if (value.Schema.Name != field.ObjectName)
        {
            throw ObjectErrors.BadValue(target.Schema.Name, field.Name, value.Schema.Name, $"An object of type {field.ObjectName} is required");
        }
    }

    public static void CheckFamily(VersionedObject target, ObjectField field, IPAddress address, string text)
    {
        var wanted = field.Kind == FieldKind.IPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (address.AddressFamily != wanted)
        {
            throw ObjectErrors.BadValue(target.Schema.Name, field.Name, Repr(text), $"Network is not valid: an IPv{(field.Kind == FieldKind.IPv4 ? 4 : 6)} address is required");
        }
    }

    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>Python's repr of a value, for error messages: strings quoted, lists and dicts by type.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        string s => "'" + s + "'",
        bool b => b ? "True" : "False",
        double d => PythonText.Float(d),
        IDictionary => "a dict",
        IEnumerable => "a list",
        VersionedObject o => "a " + o.Schema.Name,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };

    public static bool IsTruthy(object value) => value switch
    {
        bool b => b,
        long l => l != 0,
        int n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    private static long ToInteger(VersionedObject target, ObjectField field, object value)
    {
        switch (value)
        {
            case long l:
                return l;
            case int n:
                return n;
            case bool b:
                return b ? 1 : 0;
            case double d when double.IsFinite(d) && Math.Abs(d) < 9.2e18:
                return (long)Math.Truncate(d);
            case string s when PythonText.TryParseInt(s, out var parsed):
                return parsed;
            case string or double:
                throw Bad(target, field, value, "invalid literal for int()");
            default:
                if (value is IConvertible convertible and not char)
                {
                    try
                    {
                        return convertible.ToInt64(CultureInfo.InvariantCulture);
                    }
                    catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                    {
                        throw Bad(target, field, value, "an integer is required");
                    }
                }

                throw ObjectErrors.WrongType(target.Schema.Name, field.Name, Repr(value), "int() argument must be a string or a number");
        }
    }

    private static double ToFloat(VersionedObject target, ObjectField field, object value) => value switch
    {
        double d => d,
        long l => l,
        int n => n,
        bool b => b ? 1 : 0,
        float f => f,
        decimal m => (double)m,
        string s => PythonText.TryParseFloat(s, out var parsed) ? parsed : throw Bad(target, field, value, "could not convert string to float"),
        _ => throw ObjectErrors.WrongType(target.Schema.Name, field.Name, Repr(value), "float() argument must be a string or a number"),
    };

    private static DateTime ToDateTime(VersionedObject target, ObjectField field, object value) => value switch
    {
        DateTime t => ToUtc(t),
        DateTimeOffset o => o.UtcDateTime,
        string s => PythonText.TryParseDateTime(s, out var parsed) ? parsed : throw Bad(target, field, value, "an ISO 8601 date and time is required"),
        _ => throw Bad(target, field, value, "A datetime.datetime is required"),
    };

    private static string ToText(VersionedObject target, ObjectField field, object value) => value switch
    {
        string s => s,
        bool b => b ? "True" : "False", // a Python bool is an int, and str(True) is 'True'
        long or int or short => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => PythonText.Float(d),
        DateTime t => ToUtc(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00:00",
        _ => throw Bad(target, field, value, "A string is required"),
    };

    private static IPAddress ToAddress(VersionedObject target, ObjectField field, object value)
    {
        IPAddress? address = value switch
        {
            IPAddress a => a,
            string s => ParseAddress(s),
            long l when l >= 0 && l <= uint.MaxValue => new IPAddress(BitConverter.IsLittleEndian ? (long)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)l) : l),
            _ => null,
        };
        if (address is null)
        {
            throw Bad(target, field, value, "failed to detect a valid IP address");
        }

        CheckFamily(target, field, address, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        return address;
    }

    /// <summary>netaddr's strict forms only: four dotted decimals for IPv4 ("1.2" is refused, as INET_PTON refuses it), or IPv6.</summary>
    private static IPAddress? ParseAddress(string text)
    {
        if (!IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        return address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3 ? null : address;
    }

    private static List<VersionedObject> ToObjectList(VersionedObject target, ObjectField field, object value)
    {
        if (value is string or IDictionary || value is not IEnumerable items)
        {
            throw Bad(target, field, value, "A list is required");
        }

        var list = new List<VersionedObject>();
        foreach (var item in items)
        {
            if (item is not VersionedObject child)
            {
                throw Bad(target, field, item, $"An object of type {field.ObjectName} is required");
            }

            CheckObjectName(target, field, child);
            list.Add(child);
        }

        return list;
    }

    private static Dictionary<string, string> ToStringDictionary(VersionedObject target, ObjectField field, object value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, string>> strings:
                foreach (var (key, element) in strings)
                {
                    result[key] = element ?? throw ObjectErrors.NotNullable(target.Schema.Name, field.Name + "[\"" + key + "\"]");
                }

                return result;
            case IEnumerable<KeyValuePair<string, object?>> objects:
                foreach (var (key, element) in objects)
                {
                    var name = field.Name + "[\"" + key + "\"]";
                    result[key] = element is null ? throw ObjectErrors.NotNullable(target.Schema.Name, name)
                        : ToText(target, field, element);
                }

                return result;
            default:
                throw Bad(target, field, value, "A dict is required");
        }
    }

    private static ObjectModelException Bad(VersionedObject target, ObjectField field, object? value, string expected) =>
        ObjectErrors.BadValue(target.Schema.Name, field.Name, Repr(value), expected);
}
