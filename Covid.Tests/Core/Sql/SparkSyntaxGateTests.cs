using Covid.Tests.Support.Sql;

namespace Covid.Tests.Core.Sql;

/// <summary>Every golden Spark script parses with Spark's grammar; DuckDB-only syntax does not.</summary>
public sealed class SparkSyntaxGateTests
{
    [SkippableFactIfGateMissing]
    public void Gate_GoldenScripts_ParseAsSparkSql()
    {
        // The representative and current specs, and case surveillance (CFR and hospitalization by age group) over Parquet and its CSV in place.
        var scripts = EmittedSql.All.ToDictionary(e => e.Name, e => e.Spark);

        var errors = SparkSyntaxGate.Check(scripts);

        Assert.All(errors, e => Assert.True(e.Value.Count == 0, $"{e.Key}: {string.Join("; ", e.Value)}"));
    }

    [SkippableFactIfGateMissing]
    public void Gate_DuckDbOnlySyntax_IsRejected()
    {
        var scripts = new Dictionary<string, string>
        {
            ["qualify"] = "SELECT `state`, `cases` FROM `t` QUALIFY row_number() OVER (PARTITION BY `period` ORDER BY `cases` DESC) <= 5;",
            ["read_csv_auto"] = "CREATE OR REPLACE TEMPORARY VIEW `d` AS SELECT * FROM read_csv_auto('/data/x.csv');",
            ["strptime"] = "SELECT CAST(strptime(`submission_date`, '%m/%d/%Y') AS DATE) AS `d` FROM `t`;",
            ["read_parquet"] = "SELECT * FROM read_parquet('/data/x.parquet');",
            ["dollar-parameter"] = "SELECT * FROM `t` WHERE `state` = $1;",
            ["unterminated"] = "SELECT 'NY FROM `t`;",
            // Valid grammar, but Spark would substitute the reference before parsing.
            ["variable-reference"] = "SELECT `state` FROM `t` WHERE `state` = '${env:HOME}';",
            ["control"] = "SELECT `state` FROM `t` WHERE `state` IN ('NY');",
        };

        var errors = SparkSyntaxGate.Check(scripts);

        Assert.Empty(errors["control"]);
        foreach (var name in scripts.Keys.Where(n => n != "control"))
        {
            Assert.True(errors[name].Count > 0, $"the gate accepted DuckDB-only/invalid script '{name}'");
        }
    }
}
