namespace Bench.Harness;

/// <summary>
/// A run asked for something the harness cannot do as given (a bad fault spec, a setting out of range, a plan that
/// does not fit together): the CLI prints its message as one line and exits 2, as for a bad flag.
/// </summary>
public sealed class HarnessConfigurationException(string message) : Exception(message);
