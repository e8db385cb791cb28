using System.Buffers;
using System.Net;
using System.Text;
using Bench.Rpc.Wire;

namespace Bench.Objects.Model;

/// <summary>
/// obj_to_primitive, written straight to JSON bytes as oslo.messaging would dump them (json.dumps: ", " and ": ",
/// ensure_ascii): name, namespace, version, data (fields in declaration order), then changes when there are any.
/// A backport (obj_make_compatible) drops the fields added after the target version and backports nested objects to
/// the version their relationships (or the caller's version manifest) name — with oslo's quirks kept: a nested
/// object's "changes" are those of its own full primitive, and a list without a rule backports its elements to 1.0.
/// "changes" is written in declaration order; oslo writes a set's iteration order, which every reader takes as a set.
/// </summary>
internal static class PrimitiveWriter
{
    private static readonly ObjectVersion s_listDefault = ObjectVersion.Parse("1.0");

    public static void Write(VersionedObject obj, IBufferWriter<byte> output, string? targetVersion, IReadOnlyDictionary<string, string>? manifest)
    {
        var target = obj.Version;
        if (targetVersion is not null)
        {
            if (!ObjectVersion.TryParse(targetVersion, out target) || target > obj.Version)
            {
                throw ObjectErrors.InvalidTargetVersion(targetVersion);
            }
        }

        var compat = (targetVersion is not null && targetVersion != obj.Version.Text) || manifest is not null;
        WriteObject(obj, output, target, manifest, compat, nestedBackport: false);
    }

    /// <summary>
    /// The primitive a save sends: the changed fields and the fields that identify the object (its uuid and id), and
    /// "changes". oslo reads any subset of fields, so the receiver gets a valid object holding just what changed.
    /// </summary>
    public static void WriteChanges(VersionedObject obj, IBufferWriter<byte> output)
    {
        var only = obj.ChangedMask();
        foreach (var index in obj.Schema.Identity)
        {
            only |= 1UL << index;
        }

        WriteObject(obj, output, obj.Version, null, compat: false, nestedBackport: false, only);
    }

    /// <summary>One field's value as its primitive (Field.to_primitive), e.g. for an object_action's updates.</summary>
    public static void WriteField(VersionedObject obj, ObjectField field, IBufferWriter<byte> output)
    {
        if (obj.IsNull(field.Index))
        {
            output.Write(PythonJson.Null);
            return;
        }

        WriteValue(obj, field, output, obj.Version, null, compat: false);
    }

    private static void WriteObject(VersionedObject obj, IBufferWriter<byte> output, ObjectVersion target, IReadOnlyDictionary<string, string>? manifest, bool compat, bool nestedBackport, ulong only = ulong.MaxValue)
    {
        var schema = obj.Schema;
        var ns = schema.Namespace;
        output.Write(schema.Utf8Header); // {"<ns>.name": "<Name>", "<ns>.namespace": "<project>", "<ns>.version": 
        PythonJson.String(output, target.Text);
        output.Write(ns.Utf8DataPrefix); // , "<ns>.data": {

        ulong written = 0;
        var set = obj.SetMask & only;
        foreach (var field in schema.All)
        {
            var bit = 1UL << field.Index;
            if ((set & bit) == 0 || (compat && field.AddedIn is { } added && target < added))
            {
                continue;
            }

            if (written != 0)
            {
                PythonJson.Separator(output);
            }

            written |= bit;
            PythonJson.Key(output, field.Utf8Key);
            if (obj.IsNull(field.Index))
            {
                output.Write(PythonJson.Null);
                continue;
            }

            WriteValue(obj, field, output, target, manifest, compat);
        }

        PythonJson.Byte(output, (byte)'}');
        var changes = obj.ChangedMask() & (nestedBackport ? set : written);
        if (changes != 0)
        {
            PythonJson.Separator(output);
            PythonJson.String(output, ns.Utf8Changes);
            output.Write(": ["u8);
            var first = true;
            foreach (var field in schema.All)
            {
                if ((changes & (1UL << field.Index)) == 0)
                {
                    continue;
                }

                if (!first)
                {
                    PythonJson.Separator(output);
                }

                first = false;
                PythonJson.Byte(output, (byte)'"');
                output.Write(field.Utf8Key);
                PythonJson.Byte(output, (byte)'"');
            }

            PythonJson.Byte(output, (byte)']');
        }

        PythonJson.Byte(output, (byte)'}');
    }

    private static void WriteValue(VersionedObject obj, ObjectField field, IBufferWriter<byte> output, ObjectVersion target, IReadOnlyDictionary<string, string>? manifest, bool compat)
    {
        var i = field.Index;
        switch (field.Kind)
        {
            case FieldKind.Integer:
                PythonJson.Int64(output, obj.RawNumber(i));
                break;
            case FieldKind.Boolean:
                PythonJson.Boolean(output, obj.RawNumber(i) != 0);
                break;
            case FieldKind.Float:
                output.Write(Encoding.ASCII.GetBytes(PythonText.Float(BitConverter.Int64BitsToDouble(obj.RawNumber(i)))));
                break;
            case FieldKind.DateTime:
            {
                var span = output.GetSpan(32);
                span[0] = (byte)'"';
                var length = PythonText.FormatDateTime(obj.RawNumber(i), span[1..]);
                span[length + 1] = (byte)'"';
                output.Advance(length + 2);
                break;
            }

            case FieldKind.IPv4:
            case FieldKind.IPv6:
            {
                Span<char> text = stackalloc char[64];
                ((IPAddress)obj.RawRef(i)!).TryFormat(text, out var chars);
                var span = output.GetSpan(chars + 2);
                span[0] = (byte)'"';
                var length = Encoding.ASCII.GetBytes(text[..chars], span[1..]);
                span[length + 1] = (byte)'"';
                output.Advance(length + 2);
                break;
            }

            case FieldKind.String:
            case FieldKind.Uuid:
            case FieldKind.Enum:
                PythonJson.String(output, (string)obj.RawRef(i)!);
                break;
            case FieldKind.StringDict:
                WriteStringDictionary(output, (Dictionary<string, string>)obj.RawRef(i)!);
                break;

            case FieldKind.Object:
            {
                var child = (VersionedObject)obj.RawRef(i)!;
                if (compat && ChildTarget(obj.Schema, field, target, manifest) is { } childTarget)
                {
                    WriteObject(child, output, childTarget, manifest, compat: true, nestedBackport: true);
                }
                else
                {
                    WriteObject(child, output, child.Version, null, compat: false, nestedBackport: false);
                }

                break;
            }

            case FieldKind.ObjectList:
            {
                var children = (List<VersionedObject>)obj.RawRef(i)!;
                var childTarget = compat ? ChildTarget(obj.Schema, field, target, manifest) : null;
                PythonJson.Byte(output, (byte)'[');
                for (var c = 0; c < children.Count; c++)
                {
                    if (c > 0)
                    {
                        PythonJson.Separator(output);
                    }

                    var child = children[c];
                    if (childTarget is { } v)
                    {
                        WriteObject(child, output, v, manifest, compat: true, nestedBackport: true);
                    }
                    else
                    {
                        WriteObject(child, output, child.Version, null, compat: false, nestedBackport: false);
                    }
                }

                PythonJson.Byte(output, (byte)']');
                break;
            }
        }
    }

    /// <summary>A dict of strings as json.dumps writes it, in its insertion order.</summary>
    public static void WriteStringDictionary(IBufferWriter<byte> output, IEnumerable<KeyValuePair<string, string>> entries)
    {
        PythonJson.Byte(output, (byte)'{');
        var first = true;
        foreach (var (key, value) in entries)
        {
            if (!first)
            {
                PythonJson.Separator(output);
            }

            first = false;
            PythonJson.String(output, key);
            output.Write(": "u8);
            PythonJson.String(output, value);
        }

        PythonJson.Byte(output, (byte)'}');
    }

    /// <summary>
    /// The version a nested object is backported to, or null to leave it as it is (base.py _obj_relationship_for and
    /// _get_subobject_version): the manifest's entry when there is a manifest, else the relationship at or below the
    /// target. A list object with no entry in the manifest backports its elements to 1.0, as ObjectListBase does.
    /// </summary>
    private static ObjectVersion? ChildTarget(ObjectSchema parent, ObjectField field, ObjectVersion target, IReadOnlyDictionary<string, string>? manifest)
    {
        if (manifest is not null)
        {
            if (manifest.TryGetValue(field.ObjectName!, out var text))
            {
                return ObjectVersion.Parse(text);
            }

            return parent.IsList ? s_listDefault : null;
        }

        var relationships = field.Relationships;
        for (var i = 0; i < relationships.Count; i++)
        {
            var (parentVersion, child) = relationships[i];
            if (target < parentVersion)
            {
                return i == 0 ? null : relationships[i - 1].Child; // i == 0: the field is not in the target at all (dropped above)
            }

            if (target.CompareTo(parentVersion) == 0)
            {
                return child;
            }
        }

        return null;
    }
}
