using Bench.Broker;
using Bench.Scenarios.Cli;

namespace Bench.Scenarios;

internal static class Program
{
    private static readonly string s_usage = string.Join(Environment.NewLine,
        "usage:",
        "  " + BrokerCommand.Usage,
        "  " + WorkerCommand.Usage,
        "  " + CallCommand.Usage);

    public static async Task<int> Main(string[] args)
    {
        try
        {
            // No arguments: the default suite. Until the load engine lands (`bench run`), that is one scenario:
            // 10,000 calls at one outstanding against a private broker and an in-process benchmark worker.
            var command = args.Length == 0 ? "call" : args[0];
            var rest = args.Length == 0 ? ["--count", "10000"] : args.Skip(1);
            return command switch
            {
                "broker" => await BrokerCommand.RunAsync(new CliArgs(rest, new HashSet<string> { "management" })),
                "worker" => await WorkerCommand.RunAsync(new CliArgs(rest, new HashSet<string>())),
                "call" => await CallCommand.RunAsync(new CliArgs(rest, new HashSet<string>())),
                "help" or "--help" or "-h" => Help(),
                _ => throw new UsageException($"unknown command '{command}' (commands: broker, worker, call)"),
            };
        }
        catch (UsageException e)
        {
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
    }

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
