namespace Bench.Objects.Model;

/// <summary>
/// A value or primitive the object model refuses, carrying the Python exception oslo.versionedobjects raises for the
/// same input (class and module), so a conductor can hand a Python caller the very exception it would get from Nova.
/// Kwargs is the oslo exception's keyword arguments as JSON (how oslo.messaging rebuilds it on the caller's side).
/// </summary>
public sealed class ObjectModelException : Exception
{
    public ObjectModelException(string pythonClass, string pythonModule, string message, string? kwargsJson = null)
        : base(message)
    {
        PythonClass = pythonClass;
        PythonModule = pythonModule;
        KwargsJson = kwargsJson;
    }

    public string PythonClass { get; }

    public string PythonModule { get; }

    public string? KwargsJson { get; }
}
