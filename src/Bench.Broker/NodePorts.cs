namespace Bench.Broker;

/// <summary>A private node's listener ports; 0 for a listener that is off.</summary>
internal readonly record struct NodePorts(int Amqp, int Management, int Tls, int Prometheus = 0);
