namespace Bench.Load;

/// <summary>What a warm-up did: requests issued, how long it ran, and whether the JIT had settled when it ended.</summary>
internal readonly record struct WarmUpResult(long Issued, double Seconds, bool Settled);
