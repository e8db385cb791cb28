namespace Bench.Harness.Workers;

/// <summary>What a Bench worker hosts for a scenario.</summary>
public enum WorkerRole
{
    /// <summary>The benchmark manager (echo, add, sleep, fail, count) on oslo's topology.</summary>
    Manager,

    /// <summary>The manager and the plain RabbitMQ.Client baseline server on queue T.raw.</summary>
    Raw,

    /// <summary>Nova's conductor (the object scenarios).</summary>
    Conductor,
}
