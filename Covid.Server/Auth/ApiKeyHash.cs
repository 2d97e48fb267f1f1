using System.Security.Cryptography;
using System.Text;

namespace Covid.Server.Auth;

/// <summary>
/// API keys as configured: <c>sha256:SALT:HASH</c>, base64 of a random 16-byte salt and of
/// SHA-256(salt ‖ UTF-8 key). Keys are long random secrets (<c>covid admin hash-key</c> makes
/// them), so a salted fast hash resists guessing as well as a slow one, without costing every call.
/// The same format is written by the CLI (Covid.Cli/Admin); a test checks that they agree.
/// </summary>
public sealed class ApiKeyHash
{
    private const string Prefix = "sha256:";

    private readonly byte[] salt;
    private readonly byte[] hash;

    private ApiKeyHash(byte[] salt, byte[] hash)
    {
        this.salt = salt;
        this.hash = hash;
    }

    public static bool TryParse(string text, out ApiKeyHash? parsed)
    {
        parsed = null;
        var parts = text.Split(':');
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || parts.Length != 3)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[1]);
            var hash = Convert.FromBase64String(parts[2]);
            if (salt.Length < 16 || hash.Length != SHA256.HashSizeInBytes)
            {
                return false;
            }
            parsed = new ApiKeyHash(salt, hash);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Compares in constant time, so how long a wrong key takes says nothing about the right one.</summary>
    public bool Matches(string key)
    {
        var presented = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(key)]);
        return CryptographicOperations.FixedTimeEquals(presented, hash);
    }
}
