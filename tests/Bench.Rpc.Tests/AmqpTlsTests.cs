namespace Bench.Rpc.Tests;

/// <summary>A CA file that cannot be used is named in one line before any connection is tried.</summary>
public sealed class AmqpTlsTests
{
    [Fact]
    public void A_missing_ca_file_is_named()
    {
        var error = Assert.Throws<AmqpTlsException>(() => AmqpTls.CreateValidator("127.0.0.1", "/nonexistent/ca.pem"));

        Assert.Equal("TLS: CA certificate file /nonexistent/ca.pem not found", error.Message);
    }

    [Fact]
    public void A_file_without_a_pem_certificate_is_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate\n");

            var error = Assert.Throws<AmqpTlsException>(() => AmqpTls.LoadCaCertificates(path));

            Assert.StartsWith($"TLS: CA certificate file {path} holds no PEM certificate", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_explicit_ca_file_wins_over_the_environment()
    {
        Assert.Equal("/explicit/ca.pem", AmqpTls.ResolveCaCertificatePath("/explicit/ca.pem"));
    }
}
