using System.Globalization;
using Bench.Harness;

namespace Bench.Harness.Options;

/// <summary>
/// How option text becomes a value, one way for every command and file: integers and numbers may use "_" as a
/// digit separator, choices are exact, and each failure is one line naming the option and what it takes.
/// </summary>
public static class OptionParsers
{
    public static int Int(string text, string name, int min, int max) =>
        long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? (int)v : throw new HarnessConfigurationException($"--{name} must be an integer from {min} to {max}, not '{text}'");

    public static long Long(string text, string name, long min, long max) =>
        (double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v == Math.Floor(v) && v >= min && v <= max)
            ? (long)v : throw new HarnessConfigurationException($"--{name} must be a whole number from {min} to {max}, not '{text}'");

    public static double Double(string text, string name, double min, double max) =>
        double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw new HarnessConfigurationException($"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");

    /// <summary>A fraction from 0 to 1, or a percentage ("1%").</summary>
    public static double Fraction(string text, string name)
    {
        var percent = text.EndsWith('%');
        return double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && (percent ? value <= 100 : value <= 1)
            ? (percent ? value / 100 : value)
            : throw new HarnessConfigurationException($"--{name} must be a fraction from 0 to 1 (or a percentage like 1%), not '{text}'");
    }

    public static T Choice<T>(string text, string name, params (string Name, T Value)[] choices)
    {
        foreach (var (key, value) in choices)
        {
            if (key == text)
            {
                return value;
            }
        }

        throw new HarnessConfigurationException($"--{name} must be one of {string.Join(", ", choices.Select(c => c.Name))}, not '{text}'");
    }

    public static bool Bool(string text, string name) => Choice(text, name, ("true", true), ("false", false));

    public static bool OnOff(string text, string name) => Choice(text, name, ("on", true), ("off", false));

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
