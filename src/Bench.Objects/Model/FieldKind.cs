namespace Bench.Objects.Model;

/// <summary>The oslo.versionedobjects field types Bench implements; each coerces, writes and reads as oslo's does.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members are oslo.versionedobjects field type names (IntegerField, StringField, FloatField, ObjectField).")]
public enum FieldKind : byte
{
    /// <summary>IntegerField: Python int(value) on set.</summary>
    Integer,
    /// <summary>StringField: str(value) of an int, float, str or datetime; anything else is refused.</summary>
    String,
    /// <summary>BooleanField: Python bool(value), any value's truth.</summary>
    Boolean,
    /// <summary>FloatField: Python float(value).</summary>
    Float,
    /// <summary>DateTimeField: timezone-aware, written as %Y-%m-%dT%H:%M:%SZ (oslo drops the microseconds).</summary>
    DateTime,
    /// <summary>IPV4AddressField (netaddr.IPAddress, version 4).</summary>
    IPv4,
    /// <summary>IPV6AddressField (netaddr.IPAddress, version 6).</summary>
    IPv6,
    /// <summary>UUIDField: kept as the text given ("%s" % value), as oslo 3.0 does (it only warns on a bad UUID).</summary>
    Uuid,
    /// <summary>EnumField: one of the field's valid values.</summary>
    Enum,
    /// <summary>ObjectField: a nested versioned object.</summary>
    Object,
    /// <summary>ListOfObjectsField.</summary>
    ObjectList,
    /// <summary>DictOfStringsField.</summary>
    StringDict,
}
