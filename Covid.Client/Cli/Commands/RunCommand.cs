using System.CommandLine;
using System.Globalization;
using Covid.Cli.Formatting;
using Covid.Cli.Display;

namespace Covid.Cli.Commands;

/// <summary>covid run SPEC: submit, show progress, print the result, write the chart — the whole job in one verb.</summary>
internal sealed class RunCommand : Command
{
    private readonly Argument<string> spec = CliOptions.SpecPath();
    private readonly Option<OutputFormat> output = CliOptions.Output();
    private readonly Option<string> requestId = CliOptions.RequestId();
    private readonly Option<bool> recompute = CliOptions.Recompute();
    private readonly Option<string> plot = new("--plot") { Description = "Write the analysis' chart to this PNG file." };

    public RunCommand(CliContext context)
        : base("run", "Submit a spec, follow its progress on stderr, print the result on stdout and optionally save its chart.")
    {
        Add(spec);
        Add(output);
        Add(requestId);
        Add(recompute);
        Add(plot);
        SetAction((parse, ct) => context.RunAsync(parse, ct, client => RunAsync(context, client, parse, ct)));
    }

    private async Task<ExitCode> RunAsync(CliContext context, CovidClient client, ParseResult parse, CancellationToken ct)
    {
        var error = context.Console.Error;
        var plotPath = parse.GetValue(plot);
        var document = await SpecFile.LoadAsync(parse.GetValue(spec)!, ct);
        var format = parse.GetValue(output);
        if (plotPath is not null && !document.HasPlot)
        {
            throw CliContext.Invalid("--plot was given but the spec has no \"plot\" section; add one or drop --plot.");
        }

        // Checked now rather than after the analysis has run.
        if (plotPath is not null && Path.GetDirectoryName(Path.GetFullPath(plotPath)) is { } plotDirectory && !Directory.Exists(plotDirectory))
        {
            throw new DirectoryNotFoundException($"The directory for --plot, '{plotDirectory}', does not exist.");
        }

        // Always idempotent: if Ctrl+C lands while the submit is in flight, resubmitting with the
        // same id finds the analysis the server may already have created, so it can be cancelled.
        var id = parse.GetValue(requestId) ?? $"covid-cli-{Guid.NewGuid():N}";
        AnalysisHandle analysis;
        try
        {
            analysis = await client.SubmitAsync(document, id, parse.GetValue(recompute), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await AnalysisWaiter.CancelSubmissionAsync(error, client, document, id);
            throw;
        }

        var submitted = analysis.Submitted!;
        var version = submitted.DatasetVersion is { } v ? $" version {v.Version}" : "";
        error.WriteLine(submitted.ServedFromCache
            ? $"{submitted.Name} already ran this spec over the same dataset version: its result answers (--recompute runs it again)"
            : $"submitted {submitted.Name} (dataset {submitted.Dataset}{version}, engine {Names.Of(submitted.Engine)})");
        var final = await AnalysisWaiter.WaitAsync(context.Console, analysis, ct);
        if (final.State != AnalysisState.Succeeded)
        {
            error.WriteLine($"covid: {final.Name} {Names.Of(final.State)}: {final.FailureReason ?? "no reason given"}");
            return ExitCodes.From(final.State);
        }

        var seconds = final.EndTime - final.CreateTime is { } took ? took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "?";
        error.WriteLine($"{final.Name} SUCCEEDED: {final.ResultRowCount} rows in {seconds}");
        var table = await client.GetResultAsync(final.Name, ct);
        await ResultOutput.WriteAsync(table, format, context.Console, ct);
        if (plotPath is not null)
        {
            var image = await client.SavePlotAsync(final.Name, plotPath, ct);
            error.WriteLine($"wrote {image.Path} ({image.Width}x{image.Height} px, {image.SizeBytes} bytes)");
        }

        return ExitCode.Success;
    }
}
