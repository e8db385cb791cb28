namespace Bench.Reporting.Broker;

/// <summary>
/// Where a variant's time went, in words, from the evidence: <see cref="Who"/> is "worker", "client", "broker",
/// "unclear" (the evidence disagrees) or "unknown" (no broker view); <see cref="Words"/> the sentence a reader gets,
/// <see cref="How"/> the rule that decided it.
/// </summary>
public sealed record BottleneckRecord(string Who, string Words, string How);
