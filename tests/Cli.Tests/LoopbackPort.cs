using System.Net;
using System.Net.Sockets;

namespace Scyfi.Cli.Tests;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago, for a cluster member the test starts.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
