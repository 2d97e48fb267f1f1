using Covid.Client;

await using var client = new CovidClient(new CovidClientOptions   // Address: env COVID_SERVER, else http://127.0.0.1:5000
{
    ApiKey = Environment.GetEnvironmentVariable("COVID_API_KEY"),   // null: an anonymous local server
});
var spec = AnalysisSpec.For("cdc-cases-deaths-by-state")
    .Between(new DateOnly(2020, 3, 2), new DateOnly(2020, 9, 20))
    .Where("state", "NY", "NYC", "NJ", "CA").GroupBy("state").Weekly()
    .Sum("cases", "new_case").Sum("deaths", "new_death").Ratio("cfr", "deaths", "cases")
    .Plot(PlotKind.Line, "period", ["cases"], series: "state", title: "Weekly new cases")
    .Build();                                            // shape checked here: InvalidSpecException names the field
var analysis = await client.SubmitAsync(spec);
await foreach (var step in analysis.ProgressAsync())   // resumes by itself after a dropped connection
    Console.Error.WriteLine($"[{step.Stage}] {step.Fraction:P0} {step.Message}");
var result = await analysis.GetResultAsync();           // AnalysisFailedException if it failed or was cancelled
var cases = result.Int64Column("cases");                // typed columns: DateColumn, StringColumn, Int64Column, DoubleColumn
var worst = Enumerable.Range(0, result.RowCount).MaxBy(row => cases[row]);
Console.Error.WriteLine($"most cases in a week: {cases[worst]} ({result.StringColumn("state")[worst]}, week of {result.DateColumn("period")[worst]:yyyy-MM-dd})");
result.WriteCsv(Console.Out);                           // or WriteJson, WriteParquetAsync, ToDataFrame()
await analysis.SavePlotAsync(args.Length > 0 ? args[0] : "weekly.png");
