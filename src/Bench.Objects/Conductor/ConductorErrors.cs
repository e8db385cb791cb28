using Bench.Objects.Model;
using Bench.Rpc;

namespace Bench.Objects.Conductor;

/// <summary>The remote errors the conductor answers with: the object model's refusals as the Python exceptions Nova raises.</summary>
public static class ConductorErrors
{
    public static RemoteError ToRemote(ObjectModelException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new RemoteError(error.PythonClass, error.PythonModule, error.Message, [error.PythonClass + ": " + error.Message + "\n"], error.KwargsJson);
    }

    /// <summary>nova.exception.InstanceNotFound (a Python caller without Nova gets it as a RemoteError of that name).</summary>
    public static RemoteError InstanceNotFound(string uuid) =>
        new("InstanceNotFound", "nova.exception", $"Instance {uuid} could not be found.", kwargsJson: "{\"instance_id\": \"" + uuid.Replace("\"", string.Empty, StringComparison.Ordinal) + "\", \"code\": 404}");

    /// <summary>What getattr(cls, objmethod) raises in the conductor for a method the class does not have.</summary>
    public static RemoteError NoSuchObjectMethod(string objname, string method, bool classMethod) =>
        new("AttributeError", "builtins", classMethod ? $"type object '{objname}' has no attribute '{method}'" : $"'{objname}' object has no attribute '{method}'");
}
