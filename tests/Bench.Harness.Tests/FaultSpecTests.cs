using Bench.Harness.Faults;

namespace Bench.Harness.Tests;

/// <summary>`--fault KIND@T[+D]` read into a spec, and every malformed one refused with its one line.</summary>
public sealed class FaultSpecTests
{
    [Theory]
    [InlineData("broker-restart@15s+5s", "broker-restart", 15, 5, null)]
    [InlineData("broker-restart@15", "broker-restart", 15, 5, null)]
    [InlineData("worker-kill@500ms", "worker-kill", 0.5, 0, null)]
    [InlineData("worker-pause@2s", "worker-pause", 2, 3, null)]
    [InlineData("node-kill:follower@4s+4s", "node-kill", 4, 4, "follower")]
    [InlineData("node-stop@1s+2s", "node-stop", 1, 2, "leader")]
    public void A_spec_is_read_with_its_defaults(string text, string kind, double at, double duration, string? node)
    {
        var spec = FaultSpec.Parse(text);

        Assert.Equal((kind, at, duration, node, text), (spec.Kind, spec.AtSeconds, spec.DurationSeconds, spec.Node, spec.Text));
    }

    [Fact]
    public void A_node_kill_without_a_duration_lasts_to_the_end_and_needs_a_cluster_and_the_broker()
    {
        var spec = FaultSpec.Parse("node-kill@4s");

        Assert.Equal((double.PositiveInfinity, "leader", true, true), (spec.DurationSeconds, spec.Node, spec.OnClusterNode, spec.NeedsBroker));
        Assert.False(FaultSpec.Parse("worker-kill@1s").NeedsBroker);
    }

    [Theory]
    [InlineData("nope@1s", "--fault must be KIND@T[+D] with KIND one of broker-restart, broker-kill, connection-close, memory-alarm, worker-kill, worker-pause, node-kill, node-stop, not 'nope@1s'")]
    [InlineData("broker-kill", "--fault broker-kill needs a time: broker-kill@T[+D], e.g. broker-kill@15s+5s")]
    [InlineData("worker-kill@1s+2s", "--fault worker-kill is instantaneous: give worker-kill@T without +D")]
    [InlineData("node-stop@3s", "--fault node-stop needs how long the node stays stopped: node-stop[:leader|follower]@T+D")]
    [InlineData("node-kill:middle@1s", "--fault node-kill:NODE: NODE is leader or follower, not 'middle'")]
    [InlineData("broker-kill@soon", "--fault times are seconds (15, 15s or 500ms), not 'soon' in 'broker-kill@soon'")]
    [InlineData("broker-kill@-1s", "--fault times are seconds (15, 15s or 500ms), not '-1s' in 'broker-kill@-1s'")]
    public void A_malformed_spec_is_one_line(string text, string message)
    {
        var e = Assert.Throws<HarnessConfigurationException>(() => FaultSpec.Parse(text));

        Assert.Equal(message, e.Message);
    }
}
