using System.Globalization;
using Bench.Load;
using Bench.Reporting;
using Spectre.Console;

namespace Bench.Scenarios.Cli;

/// <summary>
/// Live progress: on a terminal a Spectre.Console table (rate, p50, p99, errors, late starts, ETA) refreshed every
/// second; elsewhere (CI, a pipe) one plain line every 10 s, so logs stay readable. Each finished scenario gets a line.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly bool _interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && Environment.GetEnvironmentVariable("CI") != "true";
    private readonly Table _table = new Table().Border(TableBorder.Simple).AddColumns("scenario", "settings", "ok/s", "p50 µs", "p99 µs", "ok", "errors", "late", "progress");
    private LiveDisplayContext? _live;
    private double _lastPlain = double.NegativeInfinity;
    private int _currentRow = -1;
    private string _settings = string.Empty;

    public async Task RunAsync(Func<ProgressDisplay, Task> body)
    {
        if (!_interactive)
        {
            await body(this);
            return;
        }

        await AnsiConsole.Live(_table).AutoClear(false).StartAsync(async context =>
        {
            _live = context;
            await body(this);
        });
    }

    public void Begin(string id, string settings)
    {
        _settings = settings;
        _lastPlain = double.NegativeInfinity;
        if (_interactive)
        {
            _table.AddRow(Markup.Escape(id), Markup.Escape(settings), "", "", "", "", "", "", "starting");
            _currentRow = _table.Rows.Count - 1;
            _live?.Refresh();
        }
        else
        {
            Console.WriteLine($"[{id}] {settings}: starting");
        }
    }

    public void Update(ProgressSnapshot p)
    {
        var errors = p.Failed + p.TimedOut;
        var progress = (p.WarmingUp ? "warm-up " : string.Empty) + (p.Fraction is { } f ? f.ToString("P0", CultureInfo.InvariantCulture) : string.Empty) + Eta(p);
        if (_interactive)
        {
            Set(p.ScenarioId, Number(p.Throughput), Us(p.P50Ns), Us(p.P99Ns), p.Ok.ToString("N0", CultureInfo.InvariantCulture),
                errors > 0 ? $"[red]{errors:N0}[/]" : "0", p.LateStarts > 0 ? $"[yellow]{p.LateStarts:N0}[/]" : "0", progress);
        }
        else if (p.ElapsedSeconds - _lastPlain >= 10)
        {
            _lastPlain = p.ElapsedSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{p.ScenarioId}] {p.ElapsedSeconds:0}s {p.Throughput:N0} ok/s p50 {Us(p.P50Ns)} µs p99 {Us(p.P99Ns)} µs ok {p.Ok:N0} errors {errors:N0} late {p.LateStarts:N0} {progress}"));
        }
    }

    public void Complete(ScenarioRecord record)
    {
        var l = record.OneWay ?? record.Latency.Corrected;
        var errors = record.Counts.Failed + record.Counts.TimedOut;
        var state = record.Incomplete ? "incomplete" : record.Counts.Accounted ? "done" : "UNACCOUNTED";
        if (_interactive)
        {
            Set(record.Id, Number(record.Throughput), l.P50Us.ToString("N1", CultureInfo.InvariantCulture), l.P99Us.ToString("N1", CultureInfo.InvariantCulture),
                record.Counts.Ok.ToString("N0", CultureInfo.InvariantCulture), errors > 0 ? $"[red]{errors:N0}[/]" : "0",
                record.Counts.LateStarts > 0 ? $"[yellow]{record.Counts.LateStarts:N0}[/]" : "0", state);
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{record.Id}] {_settings}: {record.Throughput:N0}/s p50 {l.P50Us:N1} µs p99 {l.P99Us:N1} µs p99.9 {l.P999Us:N1} µs max {l.MaxUs:N1} µs; issued {record.Counts.Issued:N0} ok {record.Counts.Ok:N0} failed {record.Counts.Failed:N0} timed out {record.Counts.TimedOut:N0}; {state}"));
        }
    }

    public void Fail(string id, string message)
    {
        if (_interactive)
        {
            Set(id, "", "", "", "", "", "", "[red]failed[/]");
        }

        Console.Error.WriteLine($"[{id}] failed: {message}");
    }

    private void Set(string id, params string[] cells)
    {
        if (_currentRow < 0)
        {
            return;
        }

        _table.UpdateCell(_currentRow, 0, Markup.Escape(id));
        for (var i = 0; i < cells.Length; i++)
        {
            _table.UpdateCell(_currentRow, i + 2, cells[i]);
        }

        _live?.Refresh();
    }

    private static string Eta(ProgressSnapshot p) =>
        p.Fraction is > 0.01 and < 1 and var f && !p.WarmingUp ? string.Create(CultureInfo.InvariantCulture, $" ETA {p.ElapsedSeconds / f * (1 - f):0}s") : string.Empty;

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Us(long ns) => (ns / 1000.0).ToString("N1", CultureInfo.InvariantCulture);
}
