namespace Bench.Rpc.Server;

/// <summary>One beat of the report loop (Nova's report_state): who is alive, and how many times it has said so.</summary>
public readonly record struct ServiceHeartbeat(string Host, string Binary, string Topic, long ReportCount, DateTimeOffset At);
