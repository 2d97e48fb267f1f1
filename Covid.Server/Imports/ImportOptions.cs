namespace Covid.Server.Imports;

/// <summary>Where ImportDataset may download from (config <c>Data:ImportHosts</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Data";

    public const string DefaultHost = "data.cdc.gov";

    /// <summary>
    /// Entries <c>HOST</c> (https on 443), <c>https://HOST:PORT</c> or <c>http://HOST[:PORT]</c>
    /// (plain http only where listed so). Empty: <see cref="DefaultHost"/> only. A host written as an
    /// IP address may be a private or loopback one (the operator named it); a host name is only
    /// ever connected to at public addresses.
    /// </summary>
    public List<string> ImportHosts { get; set; } = [];
}
