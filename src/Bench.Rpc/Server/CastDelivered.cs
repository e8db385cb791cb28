namespace Bench.Rpc.Server;

/// <summary>
/// Told of every delivered cast that carries a unique id, before duplicates are dropped, with the broker's redelivered
/// flag: what a cast ledger counts lost, duplicated and redelivered casts by. Runs on the consumer loop: keep it tiny.
/// </summary>
public delegate void CastDelivered(ReadOnlySpan<byte> uniqueId, bool redelivered);
