using System.Security.Cryptography;
using System.Text;

namespace Bench.Harness.Targets;

/// <summary>
/// An args template as part of a settings key: different arguments are a different measurement. A short template is
/// kept as written; a long one as its length and a hash, so keys stay readable and still tell templates apart.
/// </summary>
public static class ArgsKey
{
    private const int Shown = 200;

    public static string Of(string template) => template.Length <= Shown
        ? template
        : $"{template[..120]}… ({template.Length} chars, sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)))[..12]})";
}
