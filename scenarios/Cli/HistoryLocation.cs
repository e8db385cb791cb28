using Bench.Reporting.History;

namespace Bench.Scenarios.Cli;

/// <summary>Where results history lives: --history DIR, else results/history in the checkout (outside one, in the current folder).</summary>
internal static class HistoryLocation
{
    public static string InCheckout(string root) => Path.Combine(root, "results", "history");

    /// <summary>The history store a command reads and writes (compare resolves revisions in it; history records to it).</summary>
    public static HistoryStore Open(CliArgs args, string? root) => new(args.String("history") ?? InCheckout(root ?? Environment.CurrentDirectory));
}
