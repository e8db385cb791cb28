using Bench.Broker;
using Bench.Harness.Options;

namespace Bench.Scenarios.Cli;

/// <summary>`bench broker`: a throwaway private RabbitMQ node for people and scripts; its URI is the first line of stdout.</summary>
internal static class BrokerCommand
{
    public const string Usage = "bench broker [--management] [--tls] [--nodes N]";

    public static HashSet<string> Flags { get; } = ["management", "tls"];

    public static async Task<int> RunAsync(CliArgs args)
    {
        var management = args.Has("management");
        var tls = args.Has("tls");
        var nodes = args.String("nodes") is { } n ? OptionParsers.Int(n, "nodes", 1, 9) : 1;
        if (nodes > 1 && tls)
        {
            throw new UsageException("--tls is for a single node: a cluster's nodes listen on plain amqp");
        }

        args.EnsureAllUsed();
        using var signal = new ShutdownSignal();
        if (nodes > 1)
        {
            return await RunClusterAsync(nodes, management, signal);
        }

        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Management = management, Tls = tls }, signal.Token);
        // The private node's guest/guest is RabbitMQ's loopback-only default, not a secret: print it whole so scripts can
        // connect. User-supplied URIs (--amqp, BENCH_AMQP_URI) are always printed masked. With --tls the first line is the
        // amqps listener (the plain one stays open too).
        Console.WriteLine((broker.TlsUri ?? broker.Uri).Uri.OriginalString);
        if (broker.TlsUri is not null)
        {
            Console.WriteLine($"# TLS: the CA certificate is {broker.CaCertificatePath} (--ca-cert, or BENCH_AMQP_CA_CERT); plain amqp stays on {broker.Uri.Uri.OriginalString}");
        }

        Console.WriteLine($"# RabbitMQ {broker.Version}, node {broker.NodeName}, data in {broker.Directory}" +
            (broker.ManagementPort > 0 ? $", management on http://127.0.0.1:{broker.ManagementPort}/" : string.Empty));
        Console.WriteLine("# Ctrl-C (or SIGTERM) stops it and deletes its directory.");
        await WaitAsync(signal);
        return 0;
    }

    // One URI per node, then the cluster's name; the address listing every node (what --amqp takes) in a comment.
    private static async Task<int> RunClusterAsync(int nodes, bool management, ShutdownSignal signal)
    {
        await using var cluster = await PrivateCluster.StartAsync(nodes, new PrivateBrokerOptions { Management = management }, cancellationToken: signal.Token);
        foreach (var node in cluster.Nodes)
        {
            Console.WriteLine(node.Uri.Uri.OriginalString);
        }

        Console.WriteLine(cluster.Name);
        foreach (var node in cluster.Nodes)
        {
            Console.WriteLine($"# node {node.NodeName}: RabbitMQ {node.Version}, data in {node.Directory}" +
                (node.ManagementPort > 0 ? $", management on http://127.0.0.1:{node.ManagementPort}/" : string.Empty));
        }

        Console.WriteLine($"# every node in one address (--amqp): {cluster.Uri.Uri.OriginalString}");
        Console.WriteLine("# Ctrl-C (or SIGTERM) stops every node and deletes the cluster's directory.");
        await WaitAsync(signal);
        return 0;
    }

    private static async Task WaitAsync(ShutdownSignal signal)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, signal.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
