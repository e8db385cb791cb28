using Bench.Broker;
using Bench.Harness;
using Bench.Load;
using Bench.Rpc;
using Bench.Scenarios.Cli;

namespace Bench.Scenarios;

internal static class Program
{
    private static readonly string s_usage = string.Join(Environment.NewLine,
        "usage:",
        "  " + BrokerCommand.Usage,
        "  " + WorkerCommand.Usage,
        "  " + CallCommand.Usage,
        "  " + RunCommand.Usage,
        "  " + CoordinateCommand.Usage,
        "  " + MergeCommand.Usage,
        "  " + ReportCommand.Usage,
        "  " + CompareCommand.Usage,
        "  " + AbCommand.Usage,
        "  " + CalibrateCommand.Usage,
        "  " + HistoryCommand.Usage,
        "  " + SelftestCommand.Usage);

    public static async Task<int> Main(string[] args)
    {
        _ = NativeHeap.ReturnLargeBlocksToSystem();
        try
        {
            // No arguments: the default suite on a private broker (`bench run`).
            var command = args.Length == 0 ? "run" : args[0];
            var rest = args.Skip(1).ToList();
            if (CommandUsage(command) is { } usage && rest.Any(a => a is "--help" or "-h"))
            {
                // run and worker list every option themselves; the others are one line of usage.
                Console.WriteLine("usage: " + usage);
                return 0;
            }

            return command switch
            {
                "broker" => await BrokerCommand.RunAsync(new CliArgs(rest, BrokerCommand.Flags)),
                "worker" => await WorkerCommand.RunAsync(new CliArgs(rest, WorkerCommand.Flags)),
                "call" => await CallCommand.RunAsync(new CliArgs(rest, new HashSet<string>())),
                "run" => await RunCommand.RunAsync(new CliArgs(rest, RunCommand.Flags), args),
                "coordinate" => await CoordinateCommand.RunAsync(new CliArgs(rest, CoordinateCommand.Flags), args),
                "merge" => MergeCommand.Run(rest),
                "report" => ReportCommand.Run(rest),
                "compare" => CompareCommand.Run(rest),
                "ab" => await AbCommand.RunAsync(rest),
                "calibrate" => await CalibrateCommand.RunAsync(rest),
                "history" => HistoryCommand.Run(rest),
                "selftest" => SelftestCommand.Run(new CliArgs(rest, SelftestCommand.Flags)),
                "help" or "--help" or "-h" => Help(),
                _ => throw new UsageException($"unknown command '{command}' (commands: run, coordinate, merge, report, compare, ab, calibrate, history, selftest, worker, call, broker)"),
            };
        }
        catch (UsageException e)
        {
            return Fail(e.Message);
        }
        catch (HarnessConfigurationException e)
        {
            // The run engine's own configuration errors (a fault spec, a setting, a plan): one line and exit 2, as a bad flag.
            return Fail(e.Message);
        }
        catch (FormatException e)
        {
            return Fail(AmqpUri.MaskText(e.Message));
        }
        catch (BrokerUnavailableException e)
        {
            return Fail(e.Message);
        }
        catch (BrokerStartException e)
        {
            // A node (of a cluster, say) that did not start or join: one line saying which and why, then its log's tail.
            var code = Fail(e.Message.Split('\n')[0].Trim());
            Console.Error.WriteLine(string.Join('\n', e.LogTail.Split('\n').TakeLast(12).Select(l => "  " + l.TrimEnd())));
            return code;
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException e)
        {
            // A broker given with --amqp (or BENCH_AMQP_URI) that does not answer: the address is wrong or it is down.
            return Fail("the broker does not answer: " + AmqpUri.MaskText(e.InnerException?.Message ?? e.Message) + " (check --amqp or BENCH_AMQP_URI)");
        }
        catch (Exception e) when (AmqpTlsException.Find(e) is { } tls)
        {
            // A broker whose certificate is not trusted: a configuration error, one line.
            return Fail(tls.Message);
        }
        catch (Reporting.ResultFormatException e)
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM before a command could stop softly (e.g. while the private broker starts): whatever
            // was started has been stopped and removed on the way out; 130 is the shell's code for an interrupt.
            Console.Error.WriteLine("bench: interrupted");
            return 130;
        }
    }

    private static string? CommandUsage(string command) => command switch
    {
        "broker" => BrokerCommand.Usage,
        "call" => CallCommand.Usage,
        "coordinate" => CoordinateCommand.Usage,
        "merge" => MergeCommand.Usage,
        "report" => ReportCommand.Usage,
        "compare" => CompareCommand.Usage,
        "ab" => AbCommand.Usage,
        "calibrate" => CalibrateCommand.Usage,
        "history" => HistoryCommand.Usage,
        "selftest" => SelftestCommand.Usage,
        _ => null,
    };

    private static int Help()
    {
        Console.WriteLine(s_usage);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("bench: " + message);
        return 2;
    }
}
