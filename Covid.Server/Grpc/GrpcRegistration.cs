using Covid.Server.Auth;

namespace Covid.Server.Grpc;

/// <summary>
/// The gRPC edge: authentication and rate limiting in front, then for every call of every service
/// (REST calls transcoded to gRPC included) the error mapping, the caller's identity and the call
/// limits, in that order; reflection when configured.
/// </summary>
public static class GrpcRegistration
{
    public static IServiceCollection AddCovidGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallLimitOptions>().BindConfiguration(CallLimitOptions.Section)
            .Validate(o => o.MaxMessageBytes >= 1024, "Limits:MaxMessageBytes must be at least 1024")
            .Validate(o => o.UnaryDeadline > TimeSpan.Zero && o.ImportDeadline > TimeSpan.Zero && o.StreamIdleTimeout > TimeSpan.Zero,
                "Limits:UnaryDeadline, ImportDeadline and StreamIdleTimeout must be positive")
            .Validate(o => o.MaxStreamsPerPrincipal >= 1, "Limits:MaxStreamsPerPrincipal must be at least 1")
            .Validate(o => o.RequestsPerMinute >= 1 && o.RequestBurst >= 1, "Limits:RequestsPerMinute and RequestBurst must be at least 1")
            .ValidateOnStart();
        var limits = configuration.GetSection(CallLimitOptions.Section).Get<CallLimitOptions>() ?? new CallLimitOptions();
        services.AddCovidAuthentication(configuration);
        services.AddCovidRateLimiting(configuration);
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = limits.MaxMessageBytes;
            o.Interceptors.Add<ErrorMappingInterceptor>();
            o.Interceptors.Add<CallerInterceptor>();
            o.Interceptors.Add<CallLimitsInterceptor>();
        }).AddCovidRest();
        services.AddSingleton<CallLimitsInterceptor>();
        services.AddSingleton<Audit>();
        services.AddSingleton<DatasetMapper>();
        services.AddGrpcReflection();
        return services;
    }

    public static WebApplication MapCovidGrpc(this WebApplication app)
    {
        var limits = app.Configuration.GetSection(CallLimitOptions.Section).Get<CallLimitOptions>() ?? new CallLimitOptions();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMessageSizeGate(limits.MaxMessageBytes);
        app.UseRestBodyGate(limits.MaxMessageBytes);
        app.UseRequestMessageCheck();
        app.UseServerDeadlines(limits);
        app.MapCovidRest();
        app.MapGrpcService<AnalysisGrpcService>();
        app.MapGrpcService<DatasetGrpcService>();
        if ((app.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions()).ReflectionEnabled)
        {
            app.MapGrpcReflectionService();
        }
        return app;
    }
}
