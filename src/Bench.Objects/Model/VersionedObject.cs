using System.Buffers;
using System.Net;
using System.Numerics;

namespace Bench.Objects.Model;

/// <summary>
/// oslo's VersionedObject: typed fields whose setters coerce or refuse a value (naming the field and the value),
/// which fields are set and which changed (<see cref="WhatChanged"/>, <see cref="ResetChanges"/>, nested objects
/// included), the object's version, and a sticky context that remotable methods run in. Values live in two arrays
/// indexed by field (numbers unboxed) and three bit masks, so setting a field allocates nothing.
/// </summary>
public abstract class VersionedObject
{
    private readonly long[] _numbers;
    private readonly object?[] _refs;
    private ulong _set;
    private ulong _changed;
    private ulong _null;

    protected VersionedObject(ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Version = schema.Version;
        _numbers = new long[schema.Fields.Count];
        _refs = new object?[schema.Fields.Count];
    }

    public ObjectSchema Schema { get; }

    public string ObjectName => Schema.Name;

    /// <summary>This instance's version: the class's, or the older one its primitive carried (oslo sets VERSION so).</summary>
    public ObjectVersion Version { get; internal set; }

    /// <summary>The context the object was loaded or created in; its remotable methods run in it (oslo's _context).</summary>
    public ObjectContext? Context { get; set; }

    internal ulong SetMask => _set;

    internal ulong NullMask => _null;

    internal ulong ChangedMaskShallow => _changed;

    public bool IsSet(string field) => IsSet(Schema.Field(field).Index);

    public bool IsSet(int index) => (_set & (1UL << index)) != 0;

    public bool IsNull(int index) => (_null & (1UL << index)) != 0;

    /// <summary>The fields that changed since the last reset, including object fields whose object changed (obj_what_changed).</summary>
    public IReadOnlySet<string> WhatChanged()
    {
        var mask = ChangedMask();
        var names = new HashSet<string>(BitOperations.PopCount(mask), StringComparer.Ordinal);
        foreach (var field in Schema.All)
        {
            if ((mask & (1UL << field.Index)) != 0)
            {
                names.Add(field.Name);
            }
        }

        return names;
    }

    public bool HasChanges => ChangedMask() != 0;

    /// <summary>obj_reset_changes: forget changes (of <paramref name="fields"/> only, when given); recursive resets nested objects too.</summary>
    public void ResetChanges(bool recursive = false, IEnumerable<string>? fields = null)
    {
        ulong selected = ulong.MaxValue;
        if (fields is not null)
        {
            selected = 0;
            foreach (var name in fields)
            {
                selected |= 1UL << Schema.Field(name).Index;
            }
        }

        if (recursive)
        {
            var mask = ChangedMask() & _set & ~_null & selected;
            foreach (var field in Schema.All)
            {
                if ((mask & (1UL << field.Index)) == 0)
                {
                    continue;
                }

                if (field.Kind == FieldKind.Object)
                {
                    ((VersionedObject)_refs[field.Index]!).ResetChanges(recursive: true);
                }
                else if (field.Kind == FieldKind.ObjectList)
                {
                    foreach (var child in (List<VersionedObject>)_refs[field.Index]!)
                    {
                        child.ResetChanges(recursive: true);
                    }
                }
            }
        }

        _changed &= ~selected;
    }

    /// <summary>Marks fields as changed without setting them (oslo: _changed_fields from a primitive or an object_action reply).</summary>
    public void MarkChanged(string field) => _changed |= 1UL << Schema.Field(field).Index;

    /// <summary>Sets any field from a .NET value, coercing it as oslo's field type would (Python's int(), str(), bool(), …).</summary>
    public void SetValue(string field, object? value) => FieldCoercion.Set(this, Schema.Field(field), value);

    /// <summary>Any field's value as a .NET object: long, string, bool, double, DateTime (UTC), IPAddress, an object, a list or a dictionary.</summary>
    public object? GetValue(string field)
    {
        var f = Schema.Field(field);
        var i = f.Index;
        EnsureSet(f);
        if (IsNull(i))
        {
            return null;
        }

        return f.Kind switch
        {
            FieldKind.Integer => _numbers[i],
            FieldKind.Boolean => _numbers[i] != 0,
            FieldKind.Float => BitConverter.Int64BitsToDouble(_numbers[i]),
            FieldKind.DateTime => new DateTime(_numbers[i], DateTimeKind.Utc),
            _ => _refs[i],
        };
    }

    /// <summary>obj_clone: a deep copy with the same set fields, changes, version and context.</summary>
    public VersionedObject Clone()
    {
        var copy = Schema.Create();
        copy.Version = Version;
        copy.Context = Context;
        Array.Copy(_numbers, copy._numbers, _numbers.Length);
        for (var i = 0; i < _refs.Length; i++)
        {
            copy._refs[i] = _refs[i] switch
            {
                VersionedObject child => child.Clone(),
                List<VersionedObject> list => list.ConvertAll(c => c.Clone()),
                Dictionary<string, string> dict => new Dictionary<string, string>(dict, StringComparer.Ordinal),
                var other => other, // strings and IP addresses are immutable
            };
        }

        copy._set = _set;
        copy._changed = _changed;
        copy._null = _null;
        return copy;
    }

    /// <summary>Writes this object's primitive (oslo obj_to_primitive), backported to <paramref name="targetVersion"/> and the manifest's child versions when given.</summary>
    public void WritePrimitive(IBufferWriter<byte> output, string? targetVersion = null, IReadOnlyDictionary<string, string>? manifest = null) =>
        PrimitiveWriter.Write(this, output, targetVersion, manifest);

    public byte[] ToPrimitiveBytes(string? targetVersion = null, IReadOnlyDictionary<string, string>? manifest = null)
    {
        var output = new ArrayBufferWriter<byte>(2048);
        WritePrimitive(output, targetVersion, manifest);
        return output.WrittenSpan.ToArray();
    }

    public override string ToString() => Schema.Name + " " + Version;

    internal ulong ChangedMask()
    {
        var mask = _changed;
        foreach (var field in Schema.All)
        {
            var bit = 1UL << field.Index;
            if ((mask & bit) != 0 || (_set & bit) == 0 || (_null & bit) != 0)
            {
                continue;
            }

            // oslo looks into nested objects (an ObjectList is one), and a list object looks into its elements; a plain
            // list-of-objects field of a non-list object is not looked into (base.py obj_what_changed).
            if (field.Kind == FieldKind.Object && ((VersionedObject)_refs[field.Index]!).ChangedMask() != 0)
            {
                mask |= bit;
            }
            else if (field.Kind == FieldKind.ObjectList && Schema.IsList && AnyChanged((List<VersionedObject>)_refs[field.Index]!))
            {
                mask |= bit;
            }
        }

        return mask;
    }

    internal long RawNumber(int index) => _numbers[index];

    internal object? RawRef(int index) => _refs[index];

    /// <summary>Stores an already-coerced value: the one place a field becomes set (and changed, as oslo's setter marks it).</summary>
    internal void Store(int index, long number, object? reference, bool isNull, bool markChanged = true)
    {
        var bit = 1UL << index;
        _numbers[index] = number;
        _refs[index] = reference;
        _set |= bit;
        _null = isNull ? _null | bit : _null & ~bit;
        if (markChanged)
        {
            _changed |= bit;
        }
    }

    internal void SetChangedMask(ulong mask) => _changed = mask;

    /// <summary>Copies one field's value from another object of the same class (deep for objects and dicts), marking it changed.</summary>
    internal void CopyField(VersionedObject source, int index)
    {
        var bit = 1UL << index;
        if ((source._set & bit) == 0)
        {
            return;
        }

        var reference = source._refs[index] switch
        {
            VersionedObject child => child.Clone(),
            List<VersionedObject> list => list.ConvertAll(c => c.Clone()),
            Dictionary<string, string> dict => new Dictionary<string, string>(dict, StringComparer.Ordinal),
            var other => other,
        };
        Store(index, source._numbers[index], reference, (source._null & bit) != 0);
    }

    /// <summary>
    /// Whether a field differs between two objects of one class, as Python's != on the values: numbers, strings,
    /// addresses and dicts by value; nested objects always differ (NovaObject has no __eq__, and a clone is another object).
    /// </summary>
    internal bool Differs(VersionedObject other, int index)
    {
        var bit = 1UL << index;
        if (((_set ^ other._set) & bit) != 0 || ((_null ^ other._null) & bit) != 0)
        {
            return true;
        }

        if ((_set & bit) == 0 || (_null & bit) != 0)
        {
            return false;
        }

        return _refs[index] switch
        {
            null => _numbers[index] != other._numbers[index],
            string s => !string.Equals(s, other._refs[index] as string, StringComparison.Ordinal),
            IPAddress a => !a.Equals(other._refs[index]),
            Dictionary<string, string> d => other._refs[index] is not Dictionary<string, string> o || d.Count != o.Count
                || d.Any(kv => !o.TryGetValue(kv.Key, out var v) || v != kv.Value),
            _ => true,
        };
    }

    protected long? GetInteger(int index) => Number(index) is { } n ? n : null;

    protected void SetInteger(int index, long? value) => StoreNumber(index, value ?? 0, value is null);

    protected bool? GetBoolean(int index) => Number(index) is { } n ? n != 0 : null;

    protected void SetBoolean(int index, bool? value) => StoreNumber(index, value == true ? 1 : 0, value is null);

    protected double? GetFloat(int index) => Number(index) is { } n ? BitConverter.Int64BitsToDouble(n) : null;

    protected void SetFloat(int index, double? value) => StoreNumber(index, BitConverter.DoubleToInt64Bits(value ?? 0), value is null);

    protected DateTime? GetDateTime(int index) => Number(index) is { } n ? new DateTime(n, DateTimeKind.Utc) : null;

    /// <summary>A naive (Unspecified) time is taken as UTC, as oslo's tz-aware DateTimeField does; a local one is converted.</summary>
    protected void SetDateTime(int index, DateTime? value) => StoreNumber(index, value is { } v ? FieldCoercion.ToUtc(v).Ticks : 0, value is null);

    protected string? GetString(int index) => (string?)Reference(index);

    /// <summary>String, UUID and enum fields (an enum refuses a value outside its valid values).</summary>
    protected void SetString(int index, string? value)
    {
        var field = Schema.Fields[index];
        if (value is not null && field.Kind == FieldKind.Enum && !field.EnumValues.Contains(value))
        {
            throw ObjectErrors.BadValue(Schema.Name, field.Name, FieldCoercion.Repr(value), "Field value is invalid: it must be one of " + string.Join(", ", field.EnumValues));
        }

        StoreReference(index, value);
    }

    protected IPAddress? GetAddress(int index) => (IPAddress?)Reference(index);

    protected void SetAddress(int index, IPAddress? value)
    {
        if (value is not null)
        {
            FieldCoercion.CheckFamily(this, Schema.Fields[index], value, value.ToString());
        }

        StoreReference(index, value);
    }

    protected T? GetObject<T>(int index)
        where T : VersionedObject => (T?)Reference(index);

    protected void SetObject(int index, VersionedObject? value)
    {
        if (value is not null)
        {
            FieldCoercion.CheckObjectName(this, Schema.Fields[index], value);
        }

        StoreReference(index, value);
    }

    protected IReadOnlyDictionary<string, string>? GetDictionary(int index) => (Dictionary<string, string>?)Reference(index);

    protected void SetDictionary(int index, IReadOnlyDictionary<string, string>? value) =>
        StoreReference(index, value is null ? null : new Dictionary<string, string>(value, StringComparer.Ordinal));

    internal List<VersionedObject>? GetObjectList(int index) => (List<VersionedObject>?)Reference(index);

    internal void SetObjectList(int index, IEnumerable<VersionedObject>? value)
    {
        List<VersionedObject>? list = null;
        if (value is not null)
        {
            list = [.. value];
            foreach (var element in list)
            {
                FieldCoercion.CheckObjectName(this, Schema.Fields[index], element);
            }
        }

        StoreReference(index, list);
    }

    private static bool AnyChanged(List<VersionedObject> list)
    {
        foreach (var child in list)
        {
            if (child.ChangedMask() != 0)
            {
                return true;
            }
        }

        return false;
    }

    private void StoreNumber(int index, long number, bool isNull)
    {
        if (isNull)
        {
            FieldCoercion.CheckNullable(this, Schema.Fields[index]);
        }

        Store(index, number, null, isNull);
    }

    private void StoreReference(int index, object? value)
    {
        if (value is null)
        {
            FieldCoercion.CheckNullable(this, Schema.Fields[index]);
        }

        Store(index, 0, value, value is null);
    }

    private long? Number(int index)
    {
        EnsureSet(Schema.Fields[index]);
        return IsNull(index) ? null : _numbers[index];
    }

    private object? Reference(int index)
    {
        EnsureSet(Schema.Fields[index]);
        return _refs[index];
    }

    // oslo's getter lazy-loads an unset field (obj_load_attr), which the base class refuses: NotImplementedError.
    private void EnsureSet(ObjectField field)
    {
        if (!IsSet(field.Index))
        {
            throw new InvalidOperationException($"{Schema.Name}.{field.Name} is not set (oslo would try obj_load_attr, which this object does not implement)");
        }
    }
}
