namespace Bench.Rpc.Templates;

/// <summary>What a filled args template must be: oslo passes keyword arguments only, Celery's args are positional.</summary>
public enum TemplateShape
{
    /// <summary>A JSON object: oslo keyword args, Celery kwargs.</summary>
    JsonObject,

    /// <summary>A JSON array: Celery positional args.</summary>
    JsonArray,
}
