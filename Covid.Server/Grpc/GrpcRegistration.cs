namespace Covid.Server.Grpc;

/// <summary>The gRPC edge: services, the error mapping every call goes through, reflection.</summary>
public static class GrpcRegistration
{
    public static IServiceCollection AddCovidGrpc(this IServiceCollection services)
    {
        services.AddGrpc(o => o.Interceptors.Add<ErrorMappingInterceptor>());
        services.AddGrpcReflection();
        return services;
    }

    public static WebApplication MapCovidGrpc(this WebApplication app)
    {
        app.MapGrpcService<AnalysisGrpcService>();
        app.MapGrpcService<DatasetGrpcService>();
        app.MapGrpcReflectionService();
        return app;
    }
}
