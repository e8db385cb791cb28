using System.Globalization;

namespace Bench.Reporting;

/// <summary>A ratio as a reader sees it: "0.93×". Below 0.01 two decimals would print "0.00×" (an open-model cast's
/// p50 against a flood's), so small ratios keep two significant digits instead: "0.0031×".</summary>
public static class RatioText
{
    public static string Format(double ratio)
    {
        if (ratio is > 0 and < 0.01)
        {
            var decimals = Math.Min(15, 1 - (int)Math.Floor(Math.Log10(ratio)));
            return Math.Round(ratio, decimals).ToString("0.###############", CultureInfo.InvariantCulture) + "×";
        }

        return ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    }
}
