using System.Globalization;
using System.Text;

namespace Bench.Objects.Model;

/// <summary>
/// Python's text forms where they differ from .NET's: repr(float) (shortest round trip, exponent below 1e-4 and from
/// 1e16, "1.0" not "1"), int(str) parsing, and oslo's datetime text (isotime: seconds precision, "Z").
/// </summary>
internal static class PythonText
{
    /// <summary>repr(float): what json.dumps and str() write for a Python float.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        // Shortest round-trip digits and decimal exponent from .NET, laid out by Python's rules.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var (digits, exponent) = Decompose(negative ? shortest[1..] : shortest);
        var text = new StringBuilder(32);
        if (negative)
        {
            text.Append('-');
        }

        if (exponent is >= -4 and < 16)
        {
            if (exponent < 0)
            {
                text.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
            else if (digits.Length <= exponent + 1)
            {
                text.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Python int(text): surrounding whitespace, a sign, digits with single underscores between them.</summary>
    public static bool TryParseInt(string text, out long value)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains("__", StringComparison.Ordinal) || trimmed.EndsWith('_') || trimmed.StartsWith('_'))
        {
            value = 0;
            return false;
        }

        return long.TryParse(trimmed.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python float(text), for the forms JSON carries plus inf and nan.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        var trimmed = text.Trim().ToLowerInvariant().Replace("_", string.Empty, StringComparison.Ordinal);
        switch (trimmed)
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>oslo's isotime: "%Y-%m-%dT%H:%M:%S" then "Z" for UTC; the microseconds are dropped.</summary>
    public static int FormatDateTime(long utcTicks, Span<byte> destination)
    {
        var time = new DateTime(utcTicks, DateTimeKind.Utc);
        time.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>iso8601.parse_date's common forms: a date, a time with optional fraction, and Z or an offset (none means UTC).</summary>
    public static bool TryParseDateTime(string text, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && text.Length >= 10 && text[4] == '-')
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    private static (string Digits, int Exponent) Decompose(string shortest)
    {
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var all = intPart + fraction;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0)
        {
            return ("0", 0);
        }

        // The decimal exponent of the first significant digit.
        return (digits, exponent + intPart.Length - 1 - leading);
    }
}
