extern alias cli;
using cli::Covid.Client;
using cli::Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Client.Sdk;

public class ProtoMappingTests
{
    [Fact]
    public void ToTable_ColumnMajorWithNulls_TypedRows()
    {
        var result = new Result
        {
            RowCount = 2,
            Columns =
            {
                new Column { Name = "period", Type = Column.Types.Type.Date, StringValues = { "2020-03-02", "2020-03-09" } },
                new Column { Name = "state", Type = Column.Types.Type.String, StringValues = { "NY", "NYC" } },
                new Column { Name = "cases", Type = Column.Types.Type.Int64, Int64Values = { 10, 0 }, Nulls = { false, true } },
                new Column { Name = "cfr", Type = Column.Types.Type.Double, DoubleValues = { 0.5, 0 }, Nulls = { false, true } },
            },
        };

        var table = ProtoMapping.ToResult(result.Analysis, [result]);

        Assert.Equal(["period", "state", "cases", "cfr"], table.Columns.Select(c => c.Name));
        Assert.Equal([ColumnKind.Date, ColumnKind.String, ColumnKind.Int64, ColumnKind.Double], table.Columns.Select(c => c.Kind));
        Assert.Equal<object?>([new DateOnly(2020, 3, 2), "NY", 10L, 0.5], table.Rows[0]);
        Assert.Equal<object?>([new DateOnly(2020, 3, 9), "NYC", null, null], table.Rows[1]);
    }

    [Fact]
    public void ToTable_ShortColumn_DataLoss()
    {
        var result = new Result
        {
            RowCount = 2,
            Columns = { new Column { Name = "cases", Type = Column.Types.Type.Int64, Int64Values = { 10 } } },
        };

        var e = Assert.Throws<CovidException>(() => ProtoMapping.ToResult(result.Analysis, [result]));

        Assert.Equal(StatusCode.DataLoss, e.StatusCode);
        Assert.Contains("'cases'", e.Message);
    }

    [Fact]
    public void ToTable_BadDate_DataLoss()
    {
        var result = new Result
        {
            RowCount = 1,
            Columns = { new Column { Name = "period", Type = Column.Types.Type.Date, StringValues = { "03/02/2020" } } },
        };

        var e = Assert.Throws<CovidException>(() => ProtoMapping.ToResult(result.Analysis, [result]));

        Assert.Contains("03/02/2020", e.Message);
    }

    [Fact]
    public void ToInfo_Analysis_StateTimesAndProgressMapped()
    {
        var created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var analysis = new Analysis
        {
            Name = "analyses/abc",
            State = Analysis.Types.State.Failed,
            Engine = cli::Covid.V1.AnalysisSpec.Types.Engine.Embedded,
            Spec = new cli::Covid.V1.AnalysisSpec { Dataset = "cdc-cases-deaths-by-state" },
            CreateTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(created),
            FailureReason = "boom",
            Progress = new ProgressEvent { Sequence = 4, Stage = ProgressEvent.Types.Stage.RenderingPlot, State = Analysis.Types.State.Running, Fraction = 0.9 },
        };

        var info = ProtoMapping.ToInfo(analysis);

        Assert.Equal(AnalysisState.Failed, info.State);
        Assert.Equal(AnalysisEngine.Embedded, info.Engine);
        Assert.Equal("cdc-cases-deaths-by-state", info.Dataset);
        Assert.Equal(created, info.CreateTime);
        Assert.Null(info.StartTime);
        Assert.Equal("boom", info.FailureReason);
        Assert.Null(info.RequestId);
        Assert.Equal(ProgressStage.RenderingPlot, info.Progress!.Stage);
        Assert.Equal(4, info.Progress.Sequence);
    }

    [Fact]
    public void AnalysisResult_CellOfWrongKind_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new AnalysisResult([new("cases", ColumnKind.Int64)], [[1.5]]));
    }
}
