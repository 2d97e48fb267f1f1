using Covid.Server.Auth;
using Covid.Server.Tenancy;
using Covid.SparkJob.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Covid.Server.Grpc;

/// <summary>
/// Decides who calls, for every call of every service (a new RPC cannot escape it): with keys or
/// an issuer configured, a principal is required except on grpc.health.v1; without them, callers
/// are the anonymous principal, and only over loopback unless Auth:AllowAnonymous. The caller is
/// handed to the services as a plain <see cref="Caller"/> (see <see cref="CallerContext"/>).
/// </summary>
public sealed class CallerInterceptor(IOptions<AuthOptions> options) : Interceptor
{
    private const string HealthPrefix = "/grpc.health.v1.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await IdentifyAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await IdentifyAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await IdentifyAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await IdentifyAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task IdentifyAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var auth = options.Value;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            context.UserState[CallerContext.Key] = new Caller(
                http.User.FindFirst(CovidClaims.Principal)?.Value ?? http.User.Identity.Name ?? "",
                http.User.HasClaim(CovidClaims.Admin, "true"));
            return;
        }
        if (context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            return;
        }
        // The middleware keeps only successes; the handler caches its result, so asking again is free.
        var failure = (await http.AuthenticateAsync()).Failure;
        if (failure is not null)
        {
            throw new ServiceException(BearerFailures.IsIssuerUnreachable(failure) ? ErrorCode.Unavailable : ErrorCode.Unauthenticated,
                BearerFailures.Describe(failure));
        }
        if (auth.RequiresCredentials)
        {
            throw new ServiceException(ErrorCode.Unauthenticated,
                "this server requires credentials: send 'authorization: Bearer API_KEY' (covid --api-key / COVID_API_KEY) or a bearer token from its OIDC issuer");
        }
        if (!auth.AllowAnonymous && http.Connection.LocalIpAddress is { } local && !AnonymousBindingCheck.IsLoopback(local))
        {
            throw new ServiceException(ErrorCode.Unauthenticated, "this server has no credentials configured and answers anonymous calls on loopback only");
        }
        context.UserState[CallerContext.Key] = Caller.Anonymous;
    }
}
