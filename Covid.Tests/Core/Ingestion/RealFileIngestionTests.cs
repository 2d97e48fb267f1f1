using Covid.SparkJob.Catalog;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Ingestion;

[Collection(RealDataCollection.Name)]
public sealed class RealFileIngestionTests(RealData data)
{
    [Fact]
    public void IngestAsync_Vaccinations_AllRowsAndDateSpan()
    {
        Assert.Equal(11_056, data.VaccinationsInfo.RowCount);
        Assert.Equal(new DateOnly(2020, 12, 13), data.VaccinationsInfo.MinDate);
        Assert.Equal(new DateOnly(2021, 5, 30), data.VaccinationsInfo.MaxDate);
    }

    [Fact]
    public void IngestAsync_CovidNet_AllRowsAndDerivedWeekEndSpan()
    {
        Assert.Equal(37_536, data.CovidNetInfo.RowCount);
        // MMWR 2020 week 10 ends Saturday 2020-03-07; the last week in the file is 2021 week 52.
        Assert.Equal(new DateOnly(2020, 3, 7), data.CovidNetInfo.MinDate);
        Assert.Equal(MmwrWeekEnd.EndDate(2021, 52), data.CovidNetInfo.MaxDate);
    }

    [Theory]
    [InlineData(RealData.Vaccinations, TestSchemas.VaccinationsName, 0)]
    [InlineData(RealData.CovidNetFile, TestSchemas.CovidNetName, 2)]
    [InlineData(Support.CdcFiles.CasesDeaths2020, TestSchemas.CasesDeathsName, 0)]
    public void Schema_HeaderLine_IsTheRealFilesHeaderByteForByte(string file, string schema, int titleLines)
    {
        var header = File.ReadLines(Support.CdcFiles.Get(file)).Skip(titleLines).First();
        var catalog = SchemaCatalog.BuiltIn.Find(schema)!;

        Assert.Equal(header, string.Join(",", catalog.CsvFields.Select(f => f.HeaderName)));
        Assert.Equal(titleLines, catalog.TitleLines);
    }

    [Fact]
    public void CovidNet_OnlyWeeklyRateRenamed_DerivedDateLast()
    {
        var renamed = TestSchemas.CovidNet.Fields.Where(f => f.HeaderName != f.Name).ToList();

        Assert.Equal("WEEKLY RATE ", Assert.Single(renamed).HeaderName);
        Assert.Equal("WEEK_END_DATE", TestSchemas.CovidNet.Fields[^1].Name);
        Assert.True(TestSchemas.CovidNet.Fields[^1].IsDerived);
        Assert.Equal("WEEK_END_DATE", TestSchemas.CovidNet.DateField);
    }

    [Theory]
    [InlineData(2020, 1, 2020, 1, 4)]
    [InlineData(2020, 53, 2021, 1, 2)]
    [InlineData(2021, 1, 2021, 1, 9)]
    [InlineData(2021, 52, 2022, 1, 1)]
    [InlineData(2016, 1, 2016, 1, 9)]
    public void EndDate_KnownMmwrWeeks_EndOnTheRightSaturday(int year, int week, int y, int m, int d)
    {
        var end = MmwrWeekEnd.EndDate(year, week);

        Assert.Equal(new DateOnly(y, m, d), end);
        Assert.Equal(DayOfWeek.Saturday, end.DayOfWeek);
    }

    [Fact]
    public void WeeksIn_2020Has53_2021Has52()
    {
        Assert.Equal(53, MmwrWeekEnd.WeeksIn(2020));
        Assert.Equal(52, MmwrWeekEnd.WeeksIn(2021));
    }
}
