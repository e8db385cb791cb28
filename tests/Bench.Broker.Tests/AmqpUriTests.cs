namespace Bench.Broker.Tests;

/// <summary>Credentials never appear when a URI is printed, logged or stored.</summary>
public sealed class AmqpUriTests
{
    [Theory]
    [InlineData("amqp://bench:s3cret@rabbit.example:5672/vhost", "amqp://bench:***@rabbit.example:5672/vhost")]
    [InlineData("amqps://bench:p%40ss@rabbit.example/", "amqps://bench:***@rabbit.example/")]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", "amqp://guest:***@127.0.0.1:5672/")]
    [InlineData("amqp://nouser@host/", "amqp://nouser@host/")]
    [InlineData("amqp://host:5672", "amqp://host:5672")]
    public void ToString_masks_the_password(string text, string masked)
    {
        var uri = AmqpUri.Parse(text);

        Assert.Equal(masked, uri.ToString());
        Assert.Equal(text, uri.Uri.OriginalString); // the connectable form keeps it
    }

    [Fact]
    public void MaskText_masks_every_uri_inside_free_text()
    {
        const string Log = "connecting to amqp://a:one@h1/ then amqps://b:two@h2:5671/v and 'amqp://c:three@h3'";

        Assert.Equal("connecting to amqp://a:***@h1/ then amqps://b:***@h2:5671/v and 'amqp://c:***@h3'", AmqpUri.MaskText(Log));
    }

    [Theory]
    [InlineData("http://u:secret@host/", "unsupported scheme 'http'")]
    [InlineData("not a uri", "not an AMQP URI")]
    public void Bad_uris_are_refused_without_echoing_the_password(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AmqpUri.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_defaults_by_scheme()
    {
        Assert.Equal(5672, AmqpUri.Parse("amqp://h/").Port);
        Assert.Equal(5671, AmqpUri.Parse("amqps://h/").Port);
        Assert.Equal(1234, AmqpUri.Parse("amqp://h:1234/").Port);
    }
}
