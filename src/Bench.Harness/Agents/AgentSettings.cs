using Bench.Broker;
using Bench.Load;

namespace Bench.Harness.Agents;

/// <summary>
/// `bench run --agents N`: which slice this process runs (--agent-index, else BENCH_AGENT_INDEX, else Kubernetes'
/// JOB_COMPLETION_INDEX), the control broker (--control, else BENCH_CONTROL_URI: an environment variable keeps its
/// password off the command line), the run's name on it, and how long to wait for the start.
/// </summary>
public sealed record AgentSettings(LoadSegment Segment, AmqpUri Control, string RunName, TimeSpan BarrierTimeout)
{
    public const string IndexVariable = "BENCH_AGENT_INDEX";
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";
    public const string ControlVariable = "BENCH_CONTROL_URI";
    public const string DefaultRunName = "bench";

    /// <summary>The control broker must not be the one measured: the same host, port and vhost is refused.</summary>
    public void RefuseSameBroker(AmqpUri underTest)
    {
        if (string.Equals(Control.Host, underTest.Host, StringComparison.OrdinalIgnoreCase) && Control.Port == underTest.Port && VirtualHost(Control) == VirtualHost(underTest))
        {
            throw new HarnessConfigurationException("--control is the broker under test: give a separate node or vhost, so the barrier and results are not part of what is measured");
        }
    }

    private static string VirtualHost(AmqpUri uri) => uri.Uri.AbsolutePath.Trim('/') is { Length: > 0 } v ? Uri.UnescapeDataString(v) : "/";
}
