using System.Text;

namespace Bench.Objects.Model;

/// <summary>
/// oslo's two namespaces: the serial one prefixes the primitive's keys (OBJ_SERIAL_NAMESPACE, "nova_object" in Nova)
/// and the project one is the value of its ".namespace" key (OBJ_PROJECT_NAMESPACE, "nova"). The keys are encoded once.
/// </summary>
public sealed class ObjectNamespace
{
    public ObjectNamespace(string serial, string project)
    {
        Serial = serial;
        Project = project;
        NameKey = serial + ".name";
        NamespaceKey = serial + ".namespace";
        VersionKey = serial + ".version";
        DataKey = serial + ".data";
        ChangesKey = serial + ".changes";
        Utf8Name = Encoding.UTF8.GetBytes(NameKey);
        Utf8Namespace = Encoding.UTF8.GetBytes(NamespaceKey);
        Utf8Version = Encoding.UTF8.GetBytes(VersionKey);
        Utf8Data = Encoding.UTF8.GetBytes(DataKey);
        Utf8Changes = Encoding.UTF8.GetBytes(ChangesKey);
        Utf8DataPrefix = Encoding.UTF8.GetBytes(", \"" + DataKey + "\": {");
    }

    /// <summary>Nova's: "nova_object" keys, project "nova".</summary>
    public static ObjectNamespace Nova { get; } = new("nova_object", "nova");

    public string Serial { get; }

    public string Project { get; }

    public string NameKey { get; }

    public string NamespaceKey { get; }

    public string VersionKey { get; }

    public string DataKey { get; }

    public string ChangesKey { get; }

    internal byte[] Utf8Name { get; }

    internal byte[] Utf8Namespace { get; }

    internal byte[] Utf8Version { get; }

    internal byte[] Utf8Data { get; }

    internal byte[] Utf8Changes { get; }

    /// <summary>What follows a primitive's version: <c>, "&lt;ns&gt;.data": {</c>.</summary>
    internal byte[] Utf8DataPrefix { get; }
}
