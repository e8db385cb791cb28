namespace Bench.Reporting.Tests;

public sealed class EnvironmentProbeTests
{
    // Results are committed and shared: the broker is named by where it is, never by who logs in (not even masked).
    [Theory]
    [InlineData("amqp://guest:***@127.0.0.1:5672/", "amqp://127.0.0.1:5672/")]
    [InlineData("amqps://bench:***@rabbit.example:5671/vhost", "amqps://rabbit.example:5671/vhost")]
    [InlineData("amqp://127.0.0.1:5672/", "amqp://127.0.0.1:5672/")]
    [InlineData("a private cluster of 3 nodes", "a private cluster of 3 nodes")]
    public void The_broker_is_recorded_without_its_user(string given, string recorded)
    {
        Assert.Equal(recorded, EnvironmentProbe.Capture(given, "3.10.8", privateBroker: true).Broker);
    }
}
