using System.Net;
using System.Net.Sockets;

namespace Bench.Broker;

/// <summary>
/// Asks the kernel for free loopback ports. All of a node's ports are held open together until each is known, so the
/// kernel cannot hand the same port out twice to one node. A small race remains between closing the probes and the node
/// binding them (another process may take one): PrivateBroker retries twice on a bind failure.
/// </summary>
internal static class FreePort
{
    public static int[] Take(int count)
    {
        var listeners = new TcpListener[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                listeners[i].Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener?.Stop();
            }
        }
    }
}
