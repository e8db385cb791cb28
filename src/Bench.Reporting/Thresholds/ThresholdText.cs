using System.Globalization;

namespace Bench.Reporting.Thresholds;

/// <summary>Measured values as people read them: latency in the largest unit that keeps it above 1, errors as a percentage.</summary>
internal static class ThresholdText
{
    public static string Latency(double ns) => ns switch
    {
        < 1e3 => Number(ns) + " ns",
        < 1e6 => Number(ns / 1e3) + " µs",
        < 1e9 => Number(ns / 1e6) + " ms",
        _ => Number(ns / 1e9) + " s",
    };

    public static string Fraction(double fraction, long errors, long issued) =>
        string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.###}% ({errors:N0} of {issued:N0})");

    public static string Rate(double perSecond) => perSecond.ToString("#,0.#", CultureInfo.InvariantCulture) + "/s";

    // Four significant digits: enough to tell 19.99 ms from 20 ms, few enough to read.
    private static string Number(double value) => value.ToString(value switch
    {
        < 10 => "0.###",
        < 100 => "0.##",
        < 1000 => "0.#",
        _ => "0",
    }, CultureInfo.InvariantCulture);
}
