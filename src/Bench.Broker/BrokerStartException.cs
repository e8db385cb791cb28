namespace Bench.Broker;

/// <summary>A private node did not come up. <see cref="LogTail"/> holds the end of its logs, because a timeout alone explains nothing.</summary>
public sealed class BrokerStartException(string message, string logTail)
    : Exception(message + (logTail.Length > 0 ? Environment.NewLine + "--- broker log tail ---" + Environment.NewLine + logTail : string.Empty))
{
    public string LogTail { get; } = logTail;
}
