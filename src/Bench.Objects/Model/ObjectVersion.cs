using System.Globalization;

namespace Bench.Objects.Model;

/// <summary>
/// An object version, "major.minor" or "major.minor.patch", compared as oslo_utils.versionutils compares them: as
/// integer tuples, so "2.7" &lt; "2.7.0" &lt; "2.10". The text is kept as given: it is what goes on the wire.
/// </summary>
public readonly record struct ObjectVersion : IComparable<ObjectVersion>
{
    private ObjectVersion(int major, int minor, int patch, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Text = text;
    }

    public int Major { get; }

    public int Minor { get; }

    /// <summary>The stable-branch part, or -1 when the version has two parts.</summary>
    public int Patch { get; }

    public string Text { get; }

    public static ObjectVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not an object version (major.minor)");

    public static bool TryParse(string? text, out ObjectVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        numbers[2] = -1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new ObjectVersion(numbers[0], numbers[1], numbers[2], text);
        return true;
    }

    /// <summary>oslo's is_compatible(requested, current): same major, and requested no newer than current.</summary>
    public bool CanBeServedBy(ObjectVersion current) => Major == current.Major && CompareTo(current) <= 0;

    public int CompareTo(ObjectVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    public static bool operator <(ObjectVersion left, ObjectVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ObjectVersion left, ObjectVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ObjectVersion left, ObjectVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ObjectVersion left, ObjectVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => Text ?? "0.0";
}
