using Bench.Reporting.Comparison;

namespace Bench.Reporting.History;

/// <summary>
/// `bench selftest`'s change-point part: <see cref="ChangePointSearch"/> on synthetic nightly histories with known
/// shifts. Each night is a level times a lognormal night-to-night factor (3% by default, the goal's noise); cases plant
/// a 10% or 20% step three nights before the end (found "within 3 nights" = named, ±1 night, once three nights at the
/// new level are recorded), a 10% step mid-history, a slow drift (5% over 100 nights) and one outlier night (+50%).
/// A detection is a change point at the planted night ±1 with the planted sign; every other change point is false.
/// Fixed seed: the same rates every time.
/// </summary>
public static class ChangePointSelfCheck
{
    /// <summary>One measured property of the search against its goal: a detection rate, or false change points per 100 nights.</summary>
    public sealed record Check(string Name, int Hits, int Trials, int Nights, double Goal, bool GoalIsCeiling)
    {
        /// <summary>Detections per trial, or false change points per 100 nights.</summary>
        public double Rate => GoalIsCeiling ? 100.0 * Hits / Nights : (double)Hits / Trials;

        public bool Met => GoalIsCeiling ? Rate <= Goal : Rate >= Goal;
    }

    private sealed record Case(string Name, int Nights, int StepAt, double Step, double Drift, bool Outlier);

    public static IReadOnlyList<Check> Run(int trials, double noise, int seed)
    {
        var random = new Random(seed);
        var cases = new[]
        {
            new Case("10% step, 3 nights after it (40 nights)", 40, 37, 0.10, 0, false),
            new Case("20% step, 3 nights after it (40 nights)", 40, 37, 0.20, 0, false),
            new Case("10% step mid-history (100 nights)", 100, 50, 0.10, 0, false),
            new Case("10% slowdown (−10%), 3 nights after it", 40, 37, -0.10, 0, false),
            new Case("no shift (100 nights)", 100, -1, 0, 0, false),
            new Case("slow drift, +5% over 100 nights", 100, -1, 0, 0.05, false),
            new Case("one outlier night (+50%) in 100", 100, -1, 0, 0, true),
        };
        var checks = new List<Check>();
        foreach (var c in cases)
        {
            int detected = 0, falsePoints = 0;
            for (var t = 0; t < trials; t++)
            {
                var series = new double[c.Nights];
                var outlier = c.Outlier ? random.Next(c.Nights) : -1;
                for (var i = 0; i < c.Nights; i++)
                {
                    var level = (c.StepAt >= 0 && i >= c.StepAt ? 1 + c.Step : 1) * (1 + (c.Drift * i / c.Nights));
                    series[i] = 1000 * level * Math.Exp(noise * StatisticsSelfCheck.Normal(random)) * (i == outlier ? 1.5 : 1);
                }

                var points = ChangePointSearch.Find(series, logScale: true);
                var hit = points.Any(p => c.StepAt >= 0 && Math.Abs(p.Index - c.StepAt) <= 1 && Math.Sign(p.Change) == Math.Sign(c.Step));
                detected += hit ? 1 : 0;
                falsePoints += points.Count(p => !(c.StepAt >= 0 && Math.Abs(p.Index - c.StepAt) <= 1));
            }

            if (c.StepAt >= 0)
            {
                checks.Add(new Check("detected: " + c.Name, detected, trials, trials * c.Nights, 0.95, false));
            }

            checks.Add(new Check("false change points: " + c.Name, falsePoints, trials, trials * c.Nights, 1, true));
        }

        return checks;
    }
}
