using Covid.V1;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Support.Faults;

/// <summary>
/// After a restart: every acknowledged analysis is there (else lost), ends within a bound (else
/// stuck), SUCCEEDED with its variant's result and exactly one FINISHED event (else wrong); every
/// dataset shows a version it may show, and all of its rows when <c>full</c> is asked.
/// </summary>
internal sealed class FaultCheck(FaultLedger ledger, FaultWorkload workload, FaultReport report)
{
    private readonly Dictionary<int, string> expected = [];
    private readonly HashSet<string> verified = [];

    public async Task RunAsync(ServerProcess server, bool full, CancellationToken ct)
    {
        foreach (var (requestId, variant) in ledger.Unanswered)
        {
            // AIP-155: the same request_id after a cut-short submit answers the analysis it made, if it made one.
            var analysis = await server.Analyses.SubmitAnalysisAsync(
                new SubmitAnalysisRequest { Spec = workload.Spec(variant), RequestId = requestId }, cancellationToken: ct);
            ledger.Submitted(requestId, analysis.Name);
        }
        var listed = await ListAsync(server, ct);
        var waitUntil = DateTime.UtcNow.AddSeconds(120);
        foreach (var (name, variant) in ledger.Analyses)
        {
            if (!listed.TryGetValue(name, out var analysis))
            {
                report.Problem(report.Lost, name, "acknowledged, then not listed after a restart");
                continue;
            }
            while (analysis.State is State.Queued or State.Running && DateTime.UtcNow < waitUntil)
            {
                await Task.Delay(50, ct);
                analysis = await server.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: ct);
            }
            if (analysis.State is State.Queued or State.Running)
            {
                report.Problem(report.Stuck, name, $"still {analysis.State} 120 s after the restart ({analysis.Progress?.Message})");
            }
            else if (analysis.State != State.Succeeded)
            {
                report.Problem(report.Wrong, name, $"{analysis.State}: {analysis.FailureReason}");
            }
            else if (verified.Add(name))
            {
                await VerifyAsync(server, name, variant, ct);
            }
        }
        report.AcknowledgedAnalyses = ledger.Analyses.Count;
        report.AcknowledgedUploads = ledger.AcknowledgedUploads;
        await CheckDatasetsAsync(server, full, ct);
    }

    private async Task VerifyAsync(ServerProcess server, string name, int variant, CancellationToken ct)
    {
        var result = await server.Analyses.GetResultAsync(new GetResultRequest { Name = name }, cancellationToken: ct);
        var columns = result.Columns.ToString();
        if (expected.TryAdd(variant, columns) || expected[variant] == columns)
        {
            var events = await ServerCalls.StreamAsync(server.Analyses, name, ct);
            var finished = events.Count(e => e.Stage == Stage.Finished);
            if (finished != 1)
            {
                report.Problem(report.Wrong, name, $"{finished} FINISHED events instead of one");
            }
            return;
        }
        report.Problem(report.Wrong, name, $"result of variant {variant} differs from the first one seen");
    }

    private async Task CheckDatasetsAsync(ServerProcess server, bool full, CancellationToken ct)
    {
        var listed = (await server.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct)).Datasets.ToDictionary(d => d.Name);
        foreach (var (name, versions) in ledger.Datasets)
        {
            if (!listed.TryGetValue(name, out var dataset))
            {
                if (versions.Acknowledged is { } rows)
                {
                    report.Problem(report.Lost, "datasets/" + name, $"acknowledged with {rows} rows, then gone after a restart");
                }
                continue;
            }
            if (!versions.Possible.Contains(dataset.RowCount))
            {
                report.Problem(report.Wrong, "datasets/" + name, $"{dataset.RowCount} rows; it may only have {string.Join(" or ", versions.Possible)}");
            }
            else if (full)
            {
                await CountRowsAsync(server, dataset, ct);
            }
        }
    }

    private async Task CountRowsAsync(ServerProcess server, Dataset dataset, CancellationToken ct)
    {
        var submitted = await server.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = FaultWorkload.CountRows(dataset.Name) }, cancellationToken: ct);
        var analysis = await ServerCalls.WaitForAsync(server.Analyses, submitted.Name, a => a.State is not (State.Queued or State.Running), ct);
        var counted = analysis.State == State.Succeeded
            ? (await server.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct)).Columns.Single(c => c.Name == "rows").Int64Values.Sum()
            : -1;
        if (counted != dataset.RowCount)
        {
            report.Problem(report.Wrong, "datasets/" + dataset.Name, $"lists {dataset.RowCount} rows, an analysis counts {counted} ({analysis.State} {analysis.FailureReason})");
        }
    }

    private async Task<Dictionary<string, Analysis>> ListAsync(ServerProcess server, CancellationToken ct)
    {
        var all = new Dictionary<string, Analysis>();
        var token = "";
        do
        {
            var page = await server.Analyses.ListAnalysesAsync(new ListAnalysesRequest { PageSize = 500, PageToken = token }, cancellationToken: ct);
            foreach (var analysis in page.Analyses)
            {
                if (!all.TryAdd(analysis.Name, analysis))
                {
                    report.Problem(report.Wrong, analysis.Name, "listed twice");
                }
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }
}
