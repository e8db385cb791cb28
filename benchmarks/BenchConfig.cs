using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Validators;

namespace Bench.Benchmarks;

/// <summary>
/// The one configuration every benchmark runs under: allocations measured (dispatch and histogram record must show
/// 0 B), full JSON (what comparisons read) exported beside the default GitHub Markdown, categories shown.
/// </summary>
internal static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddExporter(JsonExporter.Full) // GitHub Markdown is in BenchmarkDotNet's default config already
        .AddColumn(CategoriesColumn.Default)
        .AddValidator(JitOptimizationsValidator.FailOnError)
        .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
        .WithOptions(ConfigOptions.JoinSummary);
}
