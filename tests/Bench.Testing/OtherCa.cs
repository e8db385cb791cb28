using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bench.Testing;

/// <summary>A CA certificate that signed nothing the tests connect to: trusting it instead of the node's CA must be refused.</summary>
public static class OtherCa
{
    /// <summary>Writes a fresh self-signed CA certificate (PEM) into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bench test: some other CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "other-ca.pem");
        File.WriteAllText(path, ca.ExportCertificatePem());
        return path;
    }
}
