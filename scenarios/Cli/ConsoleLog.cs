using Microsoft.Extensions.Logging;

namespace Bench.Scenarios.Cli;

/// <summary>One-line, timestamped logs on stdout: what a supervisor (systemd, supervisord, CI) expects of a foreground process.</summary>
internal static class ConsoleLog
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            }));
}
