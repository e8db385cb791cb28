using Bench.Load;

namespace Bench.Reporting.Comparison;

/// <summary>
/// `bench selftest`: how often the comparison cries wolf, and how often it sees a real change, measured on synthetic
/// runs with known effects. Each repetition of a variant is made in process: its latencies are drawn from a lognormal
/// (median 400 µs) into the same histogram the engine records into, scaled by a run-to-run factor (the drift between
/// two runs of the same thing on a shared machine), and its throughput likewise; a pair is two sides of
/// <see cref="SelfCheckOptions.Repetitions"/> repetitions each, judged by <see cref="ResultComparer.CompareOne"/>.
/// Fixed seed: the same rates every time.
/// </summary>
public static class StatisticsSelfCheck
{
    private const double MedianUs = 400;
    private const double Sigma = 0.35;
    private const double Throughput = 10_000;

    /// <summary>One measured property of the comparison, against its goal.</summary>
    public sealed record Check(string Name, int Hits, int Pairs, double Goal, bool GoalIsCeiling)
    {
        public double Rate => (double)Hits / Pairs;

        public bool Met => GoalIsCeiling ? Rate <= Goal : Rate >= Goal;
    }

    private enum Effect
    {
        None,
        P50,
        TailOnly,
        Throughput,
        Errors,
    }

    public static IReadOnlyList<Check> Run(SelfCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var comparison = new ComparisonOptions();
        var checks = new List<Check>();
        foreach (var (effect, name, goal, ceiling) in new[]
        {
            (Effect.None, "false alarms, same against same", 0.05, true),
            (Effect.P50, "detected: p50 +10%", 0.95, false),
            (Effect.TailOnly, "detected: p99 +10%, p50 unchanged (a tail change)", 0.95, false),
            (Effect.Throughput, "detected: throughput −10%", 0.95, false),
            (Effect.Errors, "detected: errors 0% → 1%", 0.95, false),
        })
        {
            var hits = 0;
            for (var pair = 0; pair < options.Pairs; pair++)
            {
                var b = Side(random, options, Effect.None);
                var d = Side(random, options, effect);
                var verdict = ResultComparer.CompareOne(b, d, comparison).Verdict;
                hits += (effect == Effect.None ? verdict != Verdict.Same : verdict == Verdict.Slower) ? 1 : 0;
            }

            checks.Add(new Check(name, hits, options.Pairs, goal, ceiling));
        }

        return checks;
    }

    private static Measurement Side(Random random, SelfCheckOptions options, Effect effect)
    {
        var repetitions = new List<RepetitionFigures>();
        var histogram = new LatencyHistogram();
        var z90 = 1.2815515655446004;
        var z99 = 2.3263478740408408;
        for (var r = 0; r < options.Repetitions; r++)
        {
            histogram.Clear();
            var latencyFactor = Math.Exp(Normal(random) * options.RunNoise);
            var throughputFactor = Math.Exp(Normal(random) * options.RunNoise);
            for (var i = 0; i < options.RequestsPerRepetition; i++)
            {
                var z = Normal(random);
                var us = MedianUs * Math.Exp(Sigma * z) * latencyFactor;
                us *= effect switch
                {
                    Effect.P50 => 1.10,
                    Effect.TailOnly => 1 + (0.10 * Math.Clamp((z - z90) / (z99 - z90), 0, 1)), // p90 and below unmoved, p99 +10%
                    _ => 1,
                };
                histogram.Record((long)(us * 1000));
            }

            var issued = (long)options.RequestsPerRepetition;
            var errors = effect == Effect.Errors ? Binomial(random, issued, 0.01) : 0;
            repetitions.Add(new RepetitionFigures(
                Throughput * throughputFactor * (effect == Effect.Throughput ? 0.90 : 1),
                histogram.ValueAtPercentile(50) / 1000.0, histogram.ValueAtPercentile(99) / 1000.0, histogram.ValueAtPercentile(99.9) / 1000.0,
                issued - errors, issued, errors, Incomplete: false, Accounted: true));
        }

        return new Measurement("selftest.synthetic", "model=closed", "selftest.synthetic", repetitions);
    }

    [ThreadStatic]
    private static double t_spare;

    [ThreadStatic]
    private static bool t_hasSpare;

    /// <summary>A standard normal deviate (Marsaglia's polar method; each accepted pair gives two).</summary>
    internal static double Normal(Random random)
    {
        if (t_hasSpare)
        {
            t_hasSpare = false;
            return t_spare;
        }

        double u, v, s;
        do
        {
            u = (random.NextDouble() * 2) - 1;
            v = (random.NextDouble() * 2) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        t_spare = v * factor;
        t_hasSpare = true;
        return u * factor;
    }

    private static long Binomial(Random random, long n, double p)
    {
        // Normal approximation (n·p ≥ 50 here); never negative.
        var mean = n * p;
        return Math.Max(0, (long)Math.Round(mean + (Normal(random) * Math.Sqrt(mean * (1 - p)))));
    }
}
