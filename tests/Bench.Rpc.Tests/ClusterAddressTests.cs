namespace Bench.Rpc.Tests;

/// <summary>The endpoint list inside one address: order, preference, and the plain address a factory takes.</summary>
public sealed class ClusterAddressTests
{
    private static readonly Uri s_cluster = new("amqp://guest:guest@127.0.0.1:5001/?nodes=127.0.0.1:5001,127.0.0.1:5002,127.0.0.1:5003");

    [Fact]
    public void The_preferred_node_comes_first_and_the_rest_follow_in_cluster_order()
    {
        var second = ClusterAddress.Prefer(s_cluster, 1);

        Assert.Equal([("127.0.0.1", 5002), ("127.0.0.1", 5003), ("127.0.0.1", 5001)], ClusterAddress.Nodes(second));
        Assert.Equal(5001, ClusterAddress.Prefer(s_cluster, 3).Port); // spread wraps around
        Assert.True(ClusterAddress.IsCluster(second));
        Assert.Equal("guest:guest", second.UserInfo);
    }

    [Fact]
    public void A_plain_address_is_one_node_and_the_list_is_stripped_for_the_factory()
    {
        var single = new Uri("amqp://guest:guest@127.0.0.1:5672/");

        Assert.False(ClusterAddress.IsCluster(single));
        Assert.Equal(single, ClusterAddress.Prefer(single, 2));
        Assert.Equal("", ClusterAddress.Plain(s_cluster).Query);
        Assert.Throws<FormatException>(() => ClusterAddress.Nodes(new Uri("amqp://h:1/?nodes=h2")));
    }
}
