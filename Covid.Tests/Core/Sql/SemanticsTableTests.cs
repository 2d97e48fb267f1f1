using System.Text.RegularExpressions;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Sql;
using static Covid.Tests.Support.Sql.SqlNode;
using Group = Covid.Tests.Support.Sql.SqlNode.Group;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// Covid.SparkJob/Sql/SEMANTICS.md lists every construct the builder emits with its meaning in
/// each engine and the reference it rests on. Every word, operator, function call, cast target and
/// Spark conf in the SQL of every emitted plan (<see cref="EmittedSql.All"/>: the representative
/// and current specs, Parquet and CSV in place, both dialects) must be written in the table's first
/// column, so a new construct cannot reach Spark without its row.
/// </summary>
public sealed partial class SemanticsTableTests
{
    private static string TablePath => Path.Combine(CdcFiles.RepoRoot, "Covid.SparkJob", "Sql", "SEMANTICS.md");

    [Fact]
    public void Table_EveryEmittedConstruct_HasARow()
    {
        var documented = Documented();
        var emitted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in EmittedSql.All)
        {
            Constructs(SqlNode.ParseDuckDb(e.DuckDb.Sql, e.DuckDb.Parameters), emitted);
            var lines = e.Spark.Split('\n');
            emitted.UnionWith(lines.Where(l => l.StartsWith("SET ", StringComparison.Ordinal)).Select(l => "set " + l[4..l.IndexOf('=', StringComparison.Ordinal)]));
            Constructs(SqlNode.ParseSpark(string.Join('\n', lines.Where(l => !l.StartsWith("SET ", StringComparison.Ordinal)))), emitted);
        }

        var missing = emitted.Except(documented).ToList();
        Assert.True(missing.Count == 0, $"{TablePath} has no row for: {string.Join(" | ", missing)}");
    }

    [Fact]
    public void Table_EverySemanticConf_HasARowWithItsValue()
    {
        var table = File.ReadAllText(TablePath);

        Assert.All(SparkSessionConfs.All, c => Assert.Contains($"`SET {c.Key}={c.Value}`", table, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructs_OfAStatement_AreItsWordsCallsCastsAndSymbols()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);

        Constructs(SqlNode.ParseSpark("SELECT CAST(SUM(`x`) AS BIGINT) / 2 FROM `t` WHERE `y` IN ('a')"), found);

        Assert.Equal(["/", "as", "bigint", "call cast", "call sum", "cast", "cast as bigint", "from", "in", "select", "sum", "where"], found);
    }

    /// <summary>Words a parenthesis follows that are not calls: IN (…), OVER (…), FILTER (…), AS (subquery) …</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "in", "over", "filter", "values", "from", "join", "as", "and", "or", "not", "when", "then", "else", "on", "select", "where", "with", "by", "options",
    };

    /// <summary>The constructs written in the first column of the table's rows.</summary>
    private static SortedSet<string> Documented()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(TablePath).Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            var first = line.Split('|')[1];
            foreach (Match span in CodeSpan().Matches(first))
            {
                var text = span.Groups[1].Value;
                if (text.StartsWith("SET ", StringComparison.Ordinal))
                {
                    found.Add("set " + text[4..text.IndexOf('=', StringComparison.Ordinal)]);
                    continue;
                }
                Constructs(SqlNode.ParseSpark(text), found);
            }
        }
        return found;
    }

    /// <summary>Words (lower case), symbols, "call f" for f(…), "cast as T" for CAST/TRY_CAST(… AS T); names, literals and numbers are not constructs.</summary>
    private static void Constructs(List<SqlNode> nodes, ISet<string> found)
    {
        for (var k = 0; k < nodes.Count; k++)
        {
            switch (nodes[k])
            {
                case Word w when !char.IsAsciiDigit(w.Text[0]):
                    found.Add(w.Text);
                    if (nodes.ElementAtOrDefault(k + 1) is Group args && !Keywords.Contains(w.Text))
                    {
                        found.Add("call " + w.Text);
                        if (w.Text is "cast" or "try_cast" && args.Children is [.., Word { Text: "as" }, Word type])
                        {
                            found.Add($"{w.Text} as {type.Text}");
                        }
                    }
                    break;
                case Symbol s:
                    found.Add(s.Text);
                    break;
                case Group g:
                    Constructs(g.Children, found);
                    break;
            }
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
