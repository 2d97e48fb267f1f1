extern alias cli;
using cli::Covid.Client;

namespace Covid.Tests.Support.Cli;

/// <summary>Small result tables with the awkward cells formatting must get right.</summary>
internal static class TableFixtures
{
    /// <summary>A date, a string needing quotes, a long, a double, and a row of nulls.</summary>
    public static AnalysisResult Awkward() => new(
        [new("period", ColumnKind.Date), new("state", ColumnKind.String), new("cases", ColumnKind.Int64), new("cfr", ColumnKind.Double)],
        [
            [new DateOnly(2020, 3, 2), "NY", 1234567L, 0.0123456789],
            [new DateOnly(2020, 12, 28), "say \"hi\", ok", -5L, 1234.5],
            [null, "line\nbreak", null, null],
        ]);
}
