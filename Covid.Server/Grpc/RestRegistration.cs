using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi.Models;

namespace Covid.Server.Grpc;

/// <summary>
/// REST for curl users: the gRPC services transcoded to JSON over HTTP (the contract's
/// <c>google.api.http</c> annotations), through the same interceptors as gRPC, and the OpenAPI
/// document describing them at <see cref="RestOptions.OpenApiPath"/>.
/// </summary>
public static class RestRegistration
{
    public static IGrpcServerBuilder AddCovidRest(this IGrpcServerBuilder grpc)
    {
        // Indented: people read these answers in a terminal.
        grpc.AddJsonTranscoding(o =>
        {
            o.JsonSettings = new GrpcJsonSettings { WriteIndented = true };
            // The details failures carry (field violations), written out in the error's JSON.
            o.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor);
        });
        var services = grpc.Services;
        services.AddGrpcSwagger();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "covid-analysis",
                Version = "v1",
                Description = "COVID-19 analyses over CDC data: the covid.v1 gRPC services as JSON over HTTP.",
            });
            // Several messages nest an enum called Type: name schemas after their proto nesting.
            o.CustomSchemaIds(SchemaId);
            o.IncludeGrpcXmlComments(Path.Combine(AppContext.BaseDirectory, typeof(RestRegistration).Assembly.GetName().Name + ".xml"), includeControllerXmlComments: true);
        });
        return grpc;
    }

    /// <summary>"Covid.V1.Column+Types+Type" → "Column.Type"; other types by their full name.</summary>
    private static string SchemaId(Type type) =>
        type.FullName!.Replace("Covid.V1.", "", StringComparison.Ordinal).Replace("+Types+", ".", StringComparison.Ordinal).Replace('+', '.');

    public static WebApplication MapCovidRest(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = RestOptions.OpenApiPath.TrimStart('/').Replace("v1", "{documentName}", StringComparison.Ordinal));
        return app;
    }
}
