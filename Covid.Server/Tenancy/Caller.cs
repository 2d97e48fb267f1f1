namespace Covid.Server.Tenancy;

/// <summary>
/// Who is calling, as the application sees it: a principal name and whether it is an admin. The
/// edge builds it from the authenticated credential; nothing below the edge sees ASP.NET types.
/// </summary>
public sealed record Caller(string Principal, bool IsAdmin)
{
    /// <summary>The principal of anonymous calls (a server without keys or issuer, on loopback) and of records older than owners.</summary>
    public const string AnonymousPrincipal = "anonymous";

    /// <summary>
    /// The one user of a server that runs without credentials. It is an admin: on a laptop it owns
    /// the machine, and since every anonymous caller is this same principal nothing is kept apart anyway.
    /// </summary>
    public static Caller Anonymous { get; } = new(AnonymousPrincipal, IsAdmin: true);

    /// <summary>The server itself (start-up, seeding, recovery): sees and may do everything.</summary>
    public static Caller System { get; } = new("", IsAdmin: true);

    /// <summary>True when this caller may see something owned by <paramref name="owner"/>.</summary>
    public bool CanSee(string owner) => IsAdmin || string.Equals(owner, Principal, StringComparison.Ordinal);

    /// <summary>The owner recorded for something created before records had owners.</summary>
    public static string OwnerOrAnonymous(string? owner) => string.IsNullOrEmpty(owner) ? AnonymousPrincipal : owner;
}
