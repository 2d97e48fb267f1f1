using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Net.Client;

namespace Covid.Tests.Grpc.Auth;

/// <summary>TLS from configuration (Kestrel:Certificates:Default), with a certificate the test generates.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Server_WithACertificateFromConfig_ServesGrpcOverTlsWithAnApiKey()
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(Path.GetTempPath(), $"covid-tls-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        try
        {
            var settings = TestCredentials.ApiKeys(("alice", "user"));
            settings["urls"] = "https://127.0.0.1:0";
            settings["Kestrel:Certificates:Default:Path"] = pfx;
            settings["Kestrel:Certificates:Default:Password"] = "test-password";
            await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });
            var address = host.Channel.Target;
            var handler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    // Trust exactly the generated certificate, as a client given the server's CA would.
                    RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
                },
            };
            using var channel = GrpcChannel.ForAddress(address.Contains("://", StringComparison.Ordinal) ? address : "https://" + address, new GrpcChannelOptions { HttpHandler = handler });
            var invoker = global::Grpc.Core.Interceptors.ChannelExtensions.Intercept(channel, headers =>
            {
                headers.Add("authorization", "Bearer " + TestCredentials.KeyOf("alice"));
                return headers;
            });

            var listed = await new DatasetService.DatasetServiceClient(invoker).ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());

            Assert.StartsWith("https://", host.Channel.Target.Contains("://", StringComparison.Ordinal) ? host.Channel.Target : "https://" + host.Channel.Target, StringComparison.Ordinal);
            Assert.NotEmpty(listed.Datasets);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    internal static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "x"), "x", X509KeyStorageFlags.Exportable);
    }
}
