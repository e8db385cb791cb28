namespace Bench.Rpc.Templates;

/// <summary>
/// An args template that cannot be compiled: the one-line message names the placeholder (or the JSON problem) and
/// what was expected, so the CLI can print it as it is and exit 2.
/// </summary>
public sealed class TemplateException(string message) : Exception(message);
