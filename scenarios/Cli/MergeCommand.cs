using System.Globalization;
using Bench.Harness.Agents;
using Bench.Reporting;
using Bench.Reporting.Agents;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench merge RESULTS… --out DIR`: the agents' results of one run merged exactly (histograms added, counts and CPU
/// summed, timelines aligned on the common start, each agent's figures kept), written like any run. An agent the
/// results name but that is not given is listed missing and the merged run is incomplete (exit 1).
/// </summary>
internal static class MergeCommand
{
    public const string Usage = "bench merge RESULTS... --out DIR [--agents N]";

    public static int Run(IReadOnlyList<string> arguments)
    {
        var (paths, args) = CliArgs.Split(arguments);
        var output = args.Required("out");
        var agents = args.Int64("agents", 1, 1000) is { } n ? (int)n : (int?)null;
        args.EnsureAllUsed();
        if (paths.Count == 0)
        {
            throw new UsageException("give the agents' results files or run folders");
        }

        var results = paths.Select(p => (ResultStore.Read(p), Path.GetFullPath(Directory.Exists(p) ? Path.Combine(p, ResultStore.ResultsFileName) : p))).ToList();
        var runId = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-merged";
        var merged = RunMerge.Merge(results, runId, "bench merge " + string.Join(' ', arguments), agents);
        MergedRun.Write(merged, output);
        MergedRun.Print(merged);
        return merged.Incomplete ? 1 : 0;
    }
}
