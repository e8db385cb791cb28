using System.Net;
using System.Net.Sockets;

namespace Bench.Broker;

/// <summary>Asks the kernel for a free loopback port. A small race remains between closing the probe and the node binding it; PrivateBroker retries once on a bind failure.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
