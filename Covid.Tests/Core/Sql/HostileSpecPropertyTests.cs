using System.Collections.Concurrent;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Reference;
using Covid.Tests.Support.Sql;
using Covid.V1;
using CsCheck;
using Google.Protobuf;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// 200 random specs with hostile strings (fixed seed; CsCheck prints the failing case and its seed):
/// each is either rejected with field-path violations or planned into SQL that holds no raw spec
/// text (and no "${" Spark would substitute), whose DuckDB run on a real-data slice equals the
/// independent LINQ computation, and whose Spark script passes the Spark SQL gate. Nothing may
/// throw anything else.
/// </summary>
public sealed class HostileSpecPropertyTests(SliceFixture slice) : IClassFixture<SliceFixture>
{
    /// <summary>A CsCheck PCG seed (stream 7, seed 20261125), fixed so every run checks the same 200 specs.</summary>
    private const string Seed = "0000001diAk7";
    private const int Cases = 200;

    [Fact]
    public void PlanAndRun_HostileSpecs_ViolationsOrCorrectResultsNeverRawSql()
    {
        var sparkScripts = new ConcurrentDictionary<string, string>();
        var (rejected, ran) = (0, 0);
        // One sample of 200 specs from the fixed seed: CsCheck's seed fixes only the first of
        // `iter` cases, so sampling specs one by one would check different specs on every run.
        HostileSpecs.Spec.Array[Cases].Sample(specs => Assert.All(specs, spec =>
        {
            AnalysisPlan plan;
            try
            {
                plan = AnalysisPlanner.Plan(spec, slice.Lookup);
            }
            catch (SpecValidationException e)
            {
                Assert.NotEmpty(e.Violations);
                Assert.All(e.Violations, v =>
                {
                    Assert.StartsWith("spec", v.Field, StringComparison.Ordinal);
                    // Messages quote user text cut short, so a 5000-character value cannot flood them.
                    Assert.True(v.Description.Length < 1500, $"{v.Field}: message of {v.Description.Length} characters");
                });
                Interlocked.Increment(ref rejected);
                return;
            }
            var duck = DuckDbDialect.Build(plan);
            var script = SparkSqlDialect.Build(plan, "/data/d.parquet", "/data/out");
            foreach (var hostile in HostileSpecs.Distinctive)
            {
                Assert.DoesNotContain(hostile, duck.Sql, StringComparison.Ordinal);
                Assert.DoesNotContain(hostile, script, StringComparison.Ordinal);
            }
            // Spark would substitute a ${…} anywhere in the text before parsing it; every spec string
            // value reaches it as a literal that decodes to the value itself.
            Assert.DoesNotContain("${", script, StringComparison.Ordinal);
            var literals = SparkLiteral.All(script);
            var values = plan.Filters.Concat(plan.Metrics.SelectMany(m => m.Conditions)).SelectMany(f => f.Values).OfType<string>();
            Assert.All(values.Where(v => v.Length > 0), v => Assert.Contains(v, literals));
            sparkScripts[JsonFormatter.Default.Format(spec)] = script;

            var actual = EngineHarness.RunAsync(spec, slice.Lookup).GetAwaiter().GetResult();
            var expected = ReferenceEvaluator.Evaluate(spec, slice.Rows, TestSchemas.CasesDeaths.DateField, CensusCsv.ForCasesDeaths);
            AssertTables.Equal(expected.Columns, expected.Rows, actual);
            Interlocked.Increment(ref ran);
        }), seed: Seed, iter: 1, threads: 1, print: specs => string.Join("\n", specs.Select(Print)));

        // Both outcomes must be exercised, or the generator has drifted into testing nothing.
        Assert.True(rejected >= 20, $"only {rejected} of {Cases} specs were rejected");
        Assert.True(ran >= 20, $"only {ran} of {Cases} specs ran");

        if (SparkSyntaxGate.Unavailable() is { } reason && !SparkSyntaxGate.InCi)
        {
            // The SQL checks above ran; only the independent parse is missing locally.
            Console.WriteLine("Spark gate skipped for fuzzed scripts: " + reason);
            return;
        }
        var errors = SparkSyntaxGate.Check(sparkScripts);
        Assert.All(errors, e => Assert.True(e.Value.Count == 0, $"{e.Key}\n{sparkScripts[e.Key]}\n{string.Join("; ", e.Value)}"));
    }

    /// <summary>The failing spec as JSON, cut short: a 5000-character value would bury the message.</summary>
    private static string Print(AnalysisSpec spec)
    {
        var json = JsonFormatter.Default.Format(spec);
        return json.Length <= 3000 ? json : json[..3000] + $"… ({json.Length} characters)";
    }
}
