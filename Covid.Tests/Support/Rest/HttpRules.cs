using Covid.V1;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Covid.Tests.Support.Rest;

/// <summary>The contract's REST routes: each annotated RPC's google.api.http verb and route template.</summary>
internal static class HttpRules
{
    /// <summary>Every RPC of both services, annotated or not.</summary>
    public static IEnumerable<MethodDescriptor> Methods() =>
        new[] { AnalysisService.Descriptor, DatasetService.Descriptor }.SelectMany(s => s.Methods);

    /// <summary>Each annotated RPC with its lower-case verb ("get", "post", "delete" …) and route, e.g. "/v1/{name=analyses/*}".</summary>
    public static IEnumerable<(MethodDescriptor Method, string Verb, string Route)> All() =>
        Methods()
            .Select(m => (Method: m, Rule: m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)))
            .Where(x => x.Rule is not null)
            .Select(x => (x.Method, x.Rule!.PatternCase.ToString().ToLowerInvariant(), x.Rule.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => x.Rule.Get,
                HttpRule.PatternOneofCase.Post => x.Rule.Post,
                HttpRule.PatternOneofCase.Delete => x.Rule.Delete,
                HttpRule.PatternOneofCase.Put => x.Rule.Put,
                _ => x.Rule.Patch,
            }));
}
