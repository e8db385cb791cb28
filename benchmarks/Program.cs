using BenchmarkDotNet.Running;

namespace Bench.Benchmarks;

internal static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create()).ToList();
        // Keep the exported results with the repo's results (results/benchmarks/latest), where reports and comparisons read them.
        var root = Bench.Harness.RepositoryRoot.Find();
        foreach (var summary in summaries)
        {
            var exported = Path.Combine(summary.ResultsDirectoryPath);
            if (root is null || !Directory.Exists(exported))
            {
                continue;
            }

            var target = Path.Combine(root, "results", "benchmarks", "latest");
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(exported))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }

            Console.WriteLine("exported: " + target);
        }

        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
