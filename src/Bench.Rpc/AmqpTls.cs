using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bench.Rpc;

/// <summary>
/// How Bench trusts a broker over amqps://, in one place for every connection it opens (the RPC layer's connector,
/// the private node's readiness probe, tests): the server's chain must lead to the CA file given (a private CA, as
/// <see cref="PrivateBroker"/> makes) or, with none, to the system store; and its certificate must name the host
/// connected to. Validation is never turned off. A refusal is an <see cref="AmqpTlsException"/> whose message is the
/// one line a user needs ("TLS: certificate for 127.0.0.1 not trusted: …"), thrown from the validation callback so
/// it survives the client library's wrapping (see <see cref="AmqpTlsException.Find"/>).
/// </summary>
public static class AmqpTls
{
    /// <summary>
    /// A PEM CA file to trust for amqps:// when no explicit one is given. An environment variable so that child
    /// processes (`bench worker`) inherit it with no extra flag.
    /// </summary>
    public const string CaCertificateVariable = "BENCH_AMQP_CA_CERT";

    /// <summary>The CA file to use: <paramref name="explicitPath"/>, else BENCH_AMQP_CA_CERT, else null (the system store).</summary>
    public static string? ResolveCaCertificatePath(string? explicitPath)
    {
        var path = string.IsNullOrWhiteSpace(explicitPath) ? Environment.GetEnvironmentVariable(CaCertificateVariable) : explicitPath;
        return string.IsNullOrWhiteSpace(path) ? null : path;
    }

    /// <summary>Reads every certificate in a PEM file; a missing, unreadable or certificate-less file is an <see cref="AmqpTlsException"/> naming it.</summary>
    public static X509Certificate2Collection LoadCaCertificates(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new AmqpTlsException($"TLS: CA certificate file {path} not found");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new AmqpTlsException($"TLS: CA certificate file {path} unreadable: {OneLine(e.Message)}", e);
        }

        if (certificates.Count == 0)
        {
            throw new AmqpTlsException($"TLS: CA certificate file {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }

        return certificates;
    }

    /// <summary>
    /// The server-certificate check for a connection to <paramref name="host"/>: against the CA file when
    /// <paramref name="caCertificatePath"/> is given (loaded now, so a bad file fails before connecting), else the system store.
    /// </summary>
    public static RemoteCertificateValidationCallback CreateValidator(string host, string? caCertificatePath)
    {
        ArgumentNullException.ThrowIfNull(host);
        var roots = caCertificatePath is null ? null : LoadCaCertificates(caCertificatePath);
        var trusted = caCertificatePath is null
            ? "the system store (give a CA file with --ca-cert FILE or " + CaCertificateVariable + ")"
            : "the CA file " + caCertificatePath;
        return (_, certificate, chain, errors) => Validate(host, roots, trusted, certificate, chain, errors);
    }

    private static bool Validate(string host, X509Certificate2Collection? roots, string trusted, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            throw new AmqpTlsException($"TLS: the server at {host} sent no certificate");
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            throw new AmqpTlsException($"TLS: certificate for {host} does not match that name: it is for {Names(leaf)}");
        }

        if (roots is null)
        {
            return errors == SslPolicyErrors.None
                ? true
                : throw new AmqpTlsException($"TLS: certificate for {host} not trusted: {Describe(chain)}; issued by '{leaf.Issuer}', trusted: {trusted}");
        }

        // A private CA: build the chain again, trusting only the CA file (not the system store as well).
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the server sent are candidates for the path, never anchors.
            foreach (var element in chain.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        return custom.Build(leaf)
            ? true
            : throw new AmqpTlsException($"TLS: certificate for {host} not trusted: {Describe(custom)}; issued by '{leaf.Issuer}', trusted: {trusted}");
    }

    private static string Describe(X509Chain? chain)
    {
        var problems = chain?.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => s.Status + " (" + OneLine(s.StatusInformation) + ")")
            .Distinct()
            .ToList();
        return problems is { Count: > 0 } ? string.Join(", ", problems) : "chain does not validate";
    }

    private static string Names(X509Certificate2 leaf)
    {
        var names = new List<string>();
        foreach (var san in leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(san.EnumerateDnsNames().Select(n => "DNS:" + n));
            names.AddRange(san.EnumerateIPAddresses().Select(a => "IP:" + a));
        }

        return names.Count > 0 ? string.Join(", ", names) : "'" + leaf.Subject + "' (no subjectAltName)";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
