namespace Bench.Rpc;

/// <summary>
/// Where a message goes (oslo's Target): a topic, optionally one server on it (topic.server), or every server
/// (fanout). Exchange null means the client's control exchange. Version and namespace select the endpoint.
/// </summary>
public readonly record struct Target(string Topic, string? Server = null, bool Fanout = false, string? Exchange = null, string? Version = null, string? Namespace = null)
{
    public Target WithServer(string server) => this with { Server = server, Fanout = false };

    public Target AsFanout() => this with { Fanout = true, Server = null };

    public override string ToString() => Fanout ? Topic + "_fanout" : Server is null ? Topic : Topic + "." + Server;
}
