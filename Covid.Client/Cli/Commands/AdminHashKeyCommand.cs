using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace Covid.Cli.Commands;

/// <summary>
/// covid admin hash-key [KEY]: prints the salted hash to configure as Auth:ApiKeys:{i}:Hash. Without
/// KEY it makes a new random key and prints it too. The format is the server's (Covid.Server/Auth/ApiKeyHash).
/// </summary>
internal sealed class AdminHashKeyCommand : Command
{
    public const int MinKeyLength = 32;

    private readonly Argument<string?> key = new("key")
    {
        Description = $"The API key to hash: at least {MinKeyLength} characters, no dots or spaces. Omit it to make a new random key.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public AdminHashKeyCommand(CliContext context)
        : base("hash-key", "Print the salted hash of an API key for Auth:ApiKeys:{i}:Hash (with no KEY: make a new key).")
    {
        Add(key);
        SetAction(parse =>
        {
            var given = parse.GetValue(key);
            var secret = given ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            if (secret.Length < MinKeyLength || secret.Any(c => c == '.' || char.IsWhiteSpace(c)))
            {
                context.Console.Error.WriteLine($"covid: an API key must be at least {MinKeyLength} characters without dots or spaces; run 'covid admin hash-key' without a key to make one");
                return (int)ExitCode.InvalidArgument;
            }
            if (given is null)
            {
                context.Console.Error.WriteLine("a new API key (give it to its user; the server keeps only the hash):");
                context.Console.Out.WriteLine($"key:  {secret}");
                context.Console.Out.WriteLine($"hash: {Hash(secret)}");
            }
            else
            {
                context.Console.Out.WriteLine(Hash(secret));
            }
            return (int)ExitCode.Success;
        });
    }

    /// <summary>sha256:SALT:HASH — base64 of a random 16-byte salt and of SHA-256(salt ‖ UTF-8 key).</summary>
    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);
        return $"sha256:{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}";
    }
}
