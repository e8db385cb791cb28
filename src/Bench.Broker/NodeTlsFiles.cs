using System.ComponentModel;
using System.Diagnostics;

namespace Bench.Broker;

/// <summary>
/// A private node's TLS material, made on the spot with Debian's openssl in the node's own directory (deleted with the
/// node): a throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it. The CA's key is deleted
/// once it has signed, so nothing more can be issued under it; the server key is readable by its owner only. Only the
/// CA certificate is meant to leave the directory (clients trust it); no key path is ever part of a URI or result.
/// </summary>
internal sealed class NodeTlsFiles
{
    // One config for all three steps; prompt = no with the subject given on the command line.
    private const string OpensslConfig = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = unused
        [ca_ext]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [server_ext]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature, keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1, DNS:localhost
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        """;

    // A week: the node is throwaway, but a `bench broker --tls` session may stay up for a while.
    private const string Days = "7";

    private NodeTlsFiles(string directory)
    {
        CaCertificatePath = Path.Combine(directory, "ca.pem");
        CertificatePath = Path.Combine(directory, "server.pem");
        KeyPath = Path.Combine(directory, "server.key");
    }

    /// <summary>The CA certificate (PEM) clients trust.</summary>
    public string CaCertificatePath { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>The rabbitmq.conf lines for an amqps listener on 127.0.0.1:<paramref name="port"/> with these files.</summary>
    public IEnumerable<string> ConfigLines(int port) =>
    [
        "listeners.ssl.default = 127.0.0.1:" + port,
        "ssl_options.cacertfile = " + CaCertificatePath,
        "ssl_options.certfile = " + CertificatePath,
        "ssl_options.keyfile = " + KeyPath,
        // Ask for a client certificate but do not require one: clients log in with user and password, as oslo and
        // Celery deployments over amqps usually do; a client that does present one has it checked against the CA.
        "ssl_options.verify = verify_peer",
        "ssl_options.fail_if_no_peer_cert = false",
    ];

    /// <summary>Makes the CA and the server certificate in <paramref name="directory"/>/tls.</summary>
    public static async Task<NodeTlsFiles> CreateAsync(string directory, string nodeName, CancellationToken cancellationToken)
    {
        var tls = Path.Combine(directory, "tls");
        System.IO.Directory.CreateDirectory(tls);
        var files = new NodeTlsFiles(tls);
        var config = Path.Combine(tls, "openssl.cnf");
        var caKey = Path.Combine(tls, "ca.key");
        var request = Path.Combine(tls, "server.csr");
        await File.WriteAllTextAsync(config, OpensslConfig, cancellationToken);

        await OpensslAsync(cancellationToken, "req", "-x509", "-config", config, "-extensions", "ca_ext", "-newkey", "rsa:2048", "-nodes",
            "-keyout", caKey, "-out", files.CaCertificatePath, "-days", Days, "-subj", "/CN=Bench throwaway CA for " + nodeName);
        await OpensslAsync(cancellationToken, "req", "-new", "-config", config, "-newkey", "rsa:2048", "-nodes",
            "-keyout", files.KeyPath, "-out", request, "-subj", "/CN=localhost");
        await OpensslAsync(cancellationToken, "x509", "-req", "-in", request, "-CA", files.CaCertificatePath, "-CAkey", caKey,
            "-set_serial", "0x" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.NextInt64(1, long.MaxValue))),
            "-days", Days, "-extfile", config, "-extensions", "server_ext", "-out", files.CertificatePath);

        File.Delete(caKey);
        File.Delete(request);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(files.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return files;
    }

    private static async Task OpensslAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        int exitCode;
        string stderr;
        try
        {
            (exitCode, _, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (Win32Exception)
        {
            throw new BrokerUnavailableException("openssl not found (a TLS node makes its certificates with it): run scripts/setup.sh (installs it from Debian)");
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"openssl {arguments[0]} exited {exitCode}: {stderr.Trim()}");
        }
    }
}
