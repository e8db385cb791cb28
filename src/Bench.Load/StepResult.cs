namespace Bench.Load;

/// <summary>What a step returns: its outcome and, for a failure, a short description (sampled, never counted by string).</summary>
public readonly record struct StepResult(Outcome Outcome, string? Error = null)
{
    public static StepResult Ok { get; } = new(Outcome.Ok);

    public static implicit operator StepResult(Outcome outcome) => new(outcome);
}
