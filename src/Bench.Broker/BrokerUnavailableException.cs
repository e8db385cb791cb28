namespace Bench.Broker;

/// <summary>No broker can be had: rabbitmq-server is not installed and no URI was given. The message names the fix.</summary>
public sealed class BrokerUnavailableException(string message) : Exception(message);
