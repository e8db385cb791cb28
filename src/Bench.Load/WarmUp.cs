using System.Diagnostics;

namespace Bench.Load;

/// <summary>
/// The warm-up before a measured window: load for the scenario's warm-up time, then on, a second at a time, while the
/// client or a worker that reports it is still compiling. Tiered JIT recompiles a process's hot methods as optimised
/// code over its first seconds under load; a window that opens before that measures start-up, and a worker with more
/// code to compile looks costlier than it is. Settled is fewer than <see cref="SettledMethodsPerSecond"/> compilations
/// a second in all of them together; the warm-up goes on at most <see cref="MaxExtension"/> past the time asked, and a
/// warm-up of 0 is taken as asked (a cold-start measurement).
/// </summary>
public static class WarmUp
{
    /// <summary>How long each step of the warm-up runs before the compile count is read again.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>The most the warm-up goes on past the time asked.</summary>
    public static readonly TimeSpan MaxExtension = TimeSpan.FromSeconds(10);

    /// <summary>Compilations a second, in all reporting processes together, under which the JIT counts as settled.</summary>
    public const double SettledMethodsPerSecond = 100;

    internal static async Task<WarmUpResult> RunAsync(Scenario scenario, RunOptions options, IReadOnlyList<CpuSource> sources, CancellationToken cancel)
    {
        var asked = scenario.WarmUp;
        if (asked <= TimeSpan.Zero || cancel.IsCancellationRequested)
        {
            return new WarmUpResult(0, 0, Settled: true);
        }

        var start = Stopwatch.GetTimestamp();
        var issued = 0L;
        var elapsed = TimeSpan.Zero;
        long? compiled = null;
        while (!cancel.IsCancellationRequested)
        {
            // The time asked runs as one step but its last second, so that the first reading follows a full step.
            var step = elapsed > TimeSpan.Zero ? Step : asked > Step ? asked - Step : asked;
            if (elapsed + step >= asked && compiled is null)
            {
                compiled = await CompiledAsync(sources, cancel);
            }

            using (var phase = new ScenarioRunner.Phase(scenario, new RunRecorder(0), isWarmUp: true, cancel))
            {
                await phase.RunAsync(ScenarioRunner.WarmUpLoad(scenario.Load[0], step), options, last: true);
                await phase.DrainAsync();
                issued += phase.Issued;
            }

            elapsed += step;
            if (elapsed < asked)
            {
                continue;
            }

            var now = await CompiledAsync(sources, cancel);
            var rate = now - compiled is { } grown ? grown / step.TotalSeconds : (double?)null;
            compiled = now;
            if (rate is null || rate < SettledMethodsPerSecond)
            {
                return new WarmUpResult(issued, Stopwatch.GetElapsedTime(start).TotalSeconds, Settled: true);
            }

            if (elapsed >= asked + MaxExtension)
            {
                return new WarmUpResult(issued, Stopwatch.GetElapsedTime(start).TotalSeconds, Settled: false);
            }
        }

        return new WarmUpResult(issued, Stopwatch.GetElapsedTime(start).TotalSeconds, Settled: true);
    }

    // The methods compiled so far in every process that reports it, or null when one of them cannot say.
    private static async Task<long?> CompiledAsync(IReadOnlyList<CpuSource> sources, CancellationToken cancel)
    {
        long total = 0;
        foreach (var source in sources)
        {
            if (source.JitMethods is null)
            {
                continue;
            }

            if (await source.JitMethodsAsync(cancel) is not { } count)
            {
                return null;
            }

            total += count;
        }

        return total;
    }
}
