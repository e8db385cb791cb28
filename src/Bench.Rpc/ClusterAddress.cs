using System.Globalization;

namespace Bench.Rpc;

/// <summary>
/// A cluster's endpoint list carried inside one AMQP address, so that it travels wherever a broker address already
/// goes (client options, a child worker's BENCH_AMQP_URI, --amqp): the URI's own host:port is the node to try first,
/// and <c>?nodes=h1:p1,h2:p2,…</c> lists every node in cluster order. A connection made from it falls over to the
/// next node in that order, starting after the preferred one. An address without <c>nodes</c> is a single node.
/// </summary>
public static class ClusterAddress
{
    private const string Parameter = "nodes=";

    /// <summary>Every node of the cluster, the preferred one first, then the rest in cluster order after it.</summary>
    public static IReadOnlyList<(string Host, int Port)> Nodes(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var preferred = (uri.Host, Port(uri));
        var listed = Listed(uri);
        var at = listed.IndexOf(preferred);
        return at < 0 ? [preferred, .. listed] : [.. listed.Skip(at), .. listed.Take(at)];
    }

    /// <summary>True when the address names more than one node.</summary>
    public static bool IsCluster(Uri uri) => Nodes(uri).Count > 1;

    /// <summary>The address without the node list: what a connection factory takes.</summary>
    public static Uri Plain(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Query.Length == 0 ? uri : new UriBuilder(uri) { Query = string.Empty }.Uri;
    }

    /// <summary>An address for <paramref name="first"/> that lists every one of <paramref name="nodes"/> (in cluster order).</summary>
    public static Uri Create(Uri first, IEnumerable<(string Host, int Port)> nodes)
    {
        ArgumentNullException.ThrowIfNull(first);
        var list = string.Join(',', nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Host}:{n.Port}")));
        return new UriBuilder(first) { Query = Parameter + list }.Uri;
    }

    /// <summary>
    /// The same cluster with node <paramref name="index"/> (modulo the count, in cluster order) as the preferred one:
    /// how `--connect spread` places the i-th process.
    /// </summary>
    public static Uri Prefer(Uri uri, int index)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var listed = Listed(uri);
        if (listed.Count < 2)
        {
            return uri;
        }

        var (host, port) = listed[((index % listed.Count) + listed.Count) % listed.Count];
        return new UriBuilder(uri) { Host = host, Port = port }.Uri;
    }

    private static List<(string Host, int Port)> Listed(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        var nodes = new List<(string, int)>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith(Parameter, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var node in Uri.UnescapeDataString(part[Parameter.Length..]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = node.LastIndexOf(':');
                nodes.Add(colon > 0 && int.TryParse(node[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                    ? (node[..colon], port)
                    : throw new FormatException($"nodes= in an AMQP address lists host:port pairs, not '{node}'"));
            }
        }

        return nodes;
    }

    private static int Port(Uri uri) => uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
}
