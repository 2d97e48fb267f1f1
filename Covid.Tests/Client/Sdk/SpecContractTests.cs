extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1 = global::Covid.V1;

namespace Covid.Tests.Client.Sdk;

/// <summary>
/// The SDK's typed spec carries every field of the contract: each example and a spec setting every
/// field of <c>spec.proto</c> come back from <c>AnalysisSpec.FromJson(json).ToJson()</c> as the same message.
/// A field or enum value added to the proto fails here until the SDK carries it.
/// </summary>
public class SpecContractTests
{
    // Every field of every message under AnalysisSpec has a non-default value here (FullSpec_SetsEveryFieldOfTheContract
    // keeps it so). One metric per kind: a Metric holds one kind, as the server accepts one.
    private const string FullSpec = """
        {
          "dataset": "cdc-cases-deaths-by-state",
          "dateRange": {"start": "2020-03-02", "end": "2020-09-20"},
          "filters": [{"field": "state", "values": ["NY", "NYC"]}],
          "groupBy": ["state"],
          "timeBucket": "EPIWEEK",
          "metrics": [
            {"name": "deaths", "aggregation": "SUM", "field": "new_death", "where": [{"field": "death_yn", "values": ["Yes", ""]}]},
            {"name": "cfr", "ratio": {"numerator": "deaths", "denominator": "deaths"}},
            {"name": "avg", "rolling": {"metric": "deaths", "periods": 7}},
            {"name": "rate", "per100k": {"metric": "avg"}},
            {"name": "wow", "change": {"metric": "rate", "periods": 2, "percent": true}}
          ],
          "orderBy": [{"column": "deaths", "descending": true}],
          "limit": 500,
          "plot": {"kind": "HEATMAP", "title": "Deaths", "x": "period", "y": ["deaths", "avg"], "series": "state",
                   "width": 800, "height": 400, "logScale": true},
          "engine": "SPARK",
          "topN": {"n": 5, "by": "deaths", "perPeriod": true},
          "asOf": "2021-05-30",
          "version": 2,
          "compareTo": {"asOf": "2020-12-31", "version": 1}
        }
        """;

    // The SDK enum standing for each enum of the contract; its members are the proto's values, named alike.
    private static readonly Dictionary<string, Type> SdkEnums = new()
    {
        ["covid.v1.AnalysisSpec.TimeBucket"] = typeof(TimeBucket),
        ["covid.v1.AnalysisSpec.Engine"] = typeof(AnalysisEngine),
        ["covid.v1.Metric.Aggregation"] = typeof(Aggregation),
        ["covid.v1.Plot.Kind"] = typeof(PlotKind),
    };

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(CdcFiles.RepoRoot, "deploy", "examples"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string, string> EnumValues()
    {
        var data = new TheoryData<string, string>();
        var leaves = ProtoFields.Leaves(Parser.Parse<V1.AnalysisSpec>(FullSpec)).Where(l => l.Field.FieldType == FieldType.Enum);
        foreach (var leaf in leaves.DistinctBy(l => ProtoFields.Name(l.Field)))
        {
            foreach (var value in leaf.Field.EnumType.Values)
            {
                data.Add(leaf.Path, value.Name);
            }
        }
        return data;
    }

    [Fact]
    public void FullSpec_SetsEveryFieldOfTheContract()
    {
        var set = ProtoFields.Leaves(Parser.Parse<V1.AnalysisSpec>(FullSpec)).Where(l => l.IsSet).Select(l => ProtoFields.Name(l.Field)).ToHashSet();

        var missing = ProtoFields.All(V1.AnalysisSpec.Descriptor).Where(name => !set.Contains(name)).ToList();

        Assert.True(missing.Count == 0, $"FullSpec sets no value for {string.Join(", ", missing)}: add them to it, and to the SDK's AnalysisSpec");
    }

    [Fact]
    public void FullSpec_RoundTripsThroughTheTypedSpec_SameMessage() => AssertRoundTrips(FullSpec);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_RoundTripsThroughTheTypedSpec_SameMessage(string example) =>
        AssertRoundTrips(File.ReadAllText(Path.Combine(CdcFiles.RepoRoot, "deploy", "examples", example)));

    [Fact]
    public void IssueExample_RoundTripsThroughTheTypedSpec_SameMessage() => AssertRoundTrips(IssueExample.Json);

    [Theory]
    [MemberData(nameof(EnumValues))]
    public void EveryEnumValue_RoundTripsThroughTheTypedSpec(string path, string value)
    {
        var spec = Parser.Parse<V1.AnalysisSpec>(FullSpec);
        var leaf = ProtoFields.Leaves(spec).Single(l => l.Path == path);
        var number = leaf.Field.EnumType.FindValueByName(value).Number;
        leaf.Field.Accessor.SetValue(leaf.Owner, Enum.ToObject(leaf.Field.EnumType.ClrType, number));

        AssertRoundTrips(JsonFormatter.Default.Format(spec));
    }

    [Fact]
    public void EveryContractEnum_HasTheSdkEnumWithEachValue()
    {
        var enums = ProtoFields.Leaves(Parser.Parse<V1.AnalysisSpec>(FullSpec)).Where(l => l.Field.FieldType == FieldType.Enum)
            .Select(l => l.Field.EnumType).DistinctBy(e => e.FullName).ToList();

        var problems = new List<string>();
        foreach (var protoEnum in enums)
        {
            if (!SdkEnums.TryGetValue(protoEnum.FullName, out var sdk))
            {
                problems.Add($"{protoEnum.FullName} has no SDK enum");
                continue;
            }
            foreach (var value in protoEnum.Values.Where(v => v.Number != 0))
            {
                var name = Enum.GetName(sdk, value.Number);
                if (!string.Equals(name, value.Name.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{protoEnum.FullName}.{value.Name} ({value.Number}) is {name ?? "missing"} in {sdk.Name}");
                }
            }
        }

        Assert.True(enums.Count == SdkEnums.Count, string.Join(", ", enums.Select(e => e.FullName)));
        Assert.Empty(problems);
    }

    private static void AssertRoundTrips(string json)
    {
        var expected = Parser.Parse<V1.AnalysisSpec>(json);

        var written = AnalysisSpec.FromJson(json).ToJson();

        var actual = Parser.Parse<V1.AnalysisSpec>(written);
        Assert.True(expected.Equals(actual), $"the typed spec changed the message:\nread    {expected}\nwritten {actual}");
    }
}
