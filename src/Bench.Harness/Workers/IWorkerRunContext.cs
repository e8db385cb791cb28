using Bench.Harness.Definitions;
using Bench.Rpc;
using Bench.Rpc.Raw;

namespace Bench.Harness.Workers;

/// <summary>
/// What a scenario served by Bench's workers sees of its run: the settings, the workers' topic, the request timeout
/// and the connected clients (oslo ones, or the raw baseline's), and the workers, whose control methods it may call.
/// The run itself (setup, supervision, faults, the record) stays the harness's.
/// </summary>
public interface IWorkerRunContext
{
    ScenarioSettings Settings { get; }

    /// <summary>The workers' topic.</summary>
    Target Target { get; }

    TimeSpan Timeout { get; }

    /// <summary>oslo clients, one per --channels (empty for the raw baseline).</summary>
    RpcClient[] Clients { get; }

    /// <summary>Plain RabbitMQ.Client clients of the raw baseline, one per --channels.</summary>
    RawRpcClient[] RawClients { get; }

    IReadOnlyList<(string Server, int? Pid)> Workers { get; }

    /// <summary>Calls a control method (stats, resets) on every worker in turn.</summary>
    Task<List<T>> ForEachWorkerAsync<T>(string method, CancellationToken cancellation);
}
