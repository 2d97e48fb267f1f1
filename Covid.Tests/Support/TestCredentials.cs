extern alias cli;
using cli::Covid.Cli.Commands;
using Covid.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Covid.Tests.Support;

/// <summary>API keys for tests: configured as the server is in production (hashed by the CLI's hash-key), sent as bearer headers.</summary>
public static class TestCredentials
{
    public static string KeyOf(string principal) => $"{principal}-test-key-0123456789abcdef0123456789";

    /// <summary>Auth:ApiKeys settings for <paramref name="principals"/> as (name, role).</summary>
    public static Dictionary<string, string> ApiKeys(params (string Principal, string Role)[] principals)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < principals.Length; i++)
        {
            settings[$"Auth:ApiKeys:{i}:Principal"] = principals[i].Principal;
            settings[$"Auth:ApiKeys:{i}:Hash"] = AdminHashKeyCommand.Hash(KeyOf(principals[i].Principal));
            settings[$"Auth:ApiKeys:{i}:Role"] = principals[i].Role;
        }
        return settings;
    }

    /// <summary>A call invoker over the host's channel that sends <c>authorization: Bearer CREDENTIAL</c>.</summary>
    public static CallInvoker As(ServerHost host, string credential) =>
        host.Channel.Intercept(headers =>
        {
            headers.Add("authorization", "Bearer " + credential);
            return headers;
        });

    public static (AnalysisService.AnalysisServiceClient Analyses, DatasetService.DatasetServiceClient Datasets) Clients(ServerHost host, string principal)
    {
        var invoker = As(host, KeyOf(principal));
        return (new AnalysisService.AnalysisServiceClient(invoker), new DatasetService.DatasetServiceClient(invoker));
    }
}
