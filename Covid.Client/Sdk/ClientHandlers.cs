using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Covid.Client;

/// <summary>The HTTP handlers under a client's channel: sockets with the options' TLS trust, and the credential on top.</summary>
internal static class ClientHandlers
{
    public static SocketsHttpHandler Primary(CovidClientOptions options)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (options.TrustedCertificates.Count > 0)
        {
            var trusted = new X509Certificate2Collection(options.TrustedCertificates);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusts(trusted, certificate, errors);
        }
        if (options.ClientCertificate is { } client)
        {
            handler.SslOptions.ClientCertificates = [client];
        }
        return handler;
    }

    /// <summary>The system's verdict, or a chain to one of the given roots; a name mismatch is never forgiven.</summary>
    private static bool Trusts(X509Certificate2Collection trusted, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
