namespace Bench.Reporting.Sweeps;

/// <summary>A figure over a variant's repetitions: the median is what is shown, min–max the error bar (equal when N = 1).</summary>
public readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return default;
        }

        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    /// <summary>Distance from the median up to the max and down to the min: a Plotly error bar.</summary>
    public double Above => Max - Median;

    public double Below => Median - Min;
}
