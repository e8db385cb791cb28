using System.Globalization;
using Bench.Broker;
using Bench.Harness;
using Bench.Harness.Agents;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Rpc;

namespace Bench.Scenarios.Cli;

/// <summary>
/// The start of a checked run: the first broker (private node, cluster or the user's), its version from a probe
/// connection, the environment and the run id, the session that collects the records, and the run's first line.
/// </summary>
internal static class RunOpening
{
    public static async Task<RunSession> OpenAsync(RunPlan plan, BrokerLeases brokers, IReadOnlyList<string> commandLine, CancellationToken cancellationToken)
    {
        var specs = plan.Specs;
        var broker = await brokers.UseAsync(specs.Count > 0 ? specs[0].Settings.Nodes : 1, cancellationToken);
        if (broker.CaCertificatePath is { } nodeCa)
        {
            Environment.SetEnvironmentVariable(AmqpTls.CaCertificateVariable, nodeCa);
        }

        plan.Agent?.RefuseSameBroker(broker.Uri);
        string brokerVersion;
        await using (var probe = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { ClientName = "bench-probe" }, cancellationToken: cancellationToken))
        {
            brokerVersion = probe.BrokerVersion;
        }

        var root = RepositoryRoot.Find();
        var environment = EnvironmentProbe.Capture(broker.Uri.ToString(), brokerVersion, broker.IsPrivate, root);
        var startedAt = DateTimeOffset.UtcNow;
        var runId = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + EnvironmentProbe.ShortSha(environment);
        var output = plan.OutDirectory ?? Path.Combine(root ?? Environment.CurrentDirectory, "results", "runs", runId);
        var session = new RunSession(brokers, brokerVersion, output, new RunResult
        {
            RunId = runId,
            Command = AmqpUri.MaskText("bench " + string.Join(' ', commandLine)),
            Suite = plan.Suite,
            SweptSettings = [.. plan.Swept],
            StartedAt = startedAt,
            Environment = environment,
        }, message => Console.Error.WriteLine("bench: " + message)) { Faults = plan.Checks.Faults, ExternalMetrics = plan.BrokerMetrics, Agent = plan.Agent is null ? null : new AgentLink(plan.Agent) };

        Console.WriteLine($"bench run {runId}: {specs.Count} scenario run(s){(plan.Repeat > 1 ? $" × {plan.Repeat} repetitions, interleaved" : string.Empty)}, suite {plan.Suite}, RabbitMQ {brokerVersion} at {broker.Uri}{(broker.Cluster is { } c ? $" (private cluster {c.Name} of {c.Nodes.Count} nodes)" : broker.IsPrivate ? " (private)" : string.Empty)}");
        return session;
    }
}
