namespace Bench.Harness.Options;

/// <summary>Which commands take an option. A setting taken by both `run` and `worker` is how a run configures its workers.</summary>
[Flags]
public enum OptionScope
{
    Run = 1,
    Worker = 2,
    CeleryWorker = 4,
}
