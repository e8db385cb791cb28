namespace Bench.Load;

/// <summary>
/// How an open model spaces its requests. Uniform (the default) sends at exactly the rate: one request every 1/rate
/// seconds, so two runs issue the same schedule. Poisson draws exponential gaps with the same mean (a fixed seed, so
/// it is repeatable too): the bursts of independent clients, which a queue feels as queueing delay even below capacity.
/// </summary>
public enum Arrivals
{
    Uniform,
    Poisson,
}
