using Covid.Server.Tenancy;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>The caller <see cref="CallerInterceptor"/> identified, for the services to pass on.</summary>
public static class CallerContext
{
    public const string Key = "covid.caller";

    public static Caller Caller(this ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException($"{context.Method} ran without CallerInterceptor identifying its caller");
}
