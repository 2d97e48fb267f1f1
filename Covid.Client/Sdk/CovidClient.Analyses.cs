using System.Runtime.CompilerServices;
using Covid.V1;

namespace Covid.Client;

public sealed partial class CovidClient
{
    /// <summary>
    /// Submits a spec (its proto3 JSON form, as kept in files) and returns the queued analysis at once.
    /// A retry with the same <paramref name="requestId"/> returns the analysis created first.
    /// </summary>
    /// <exception cref="CovidException">The JSON is not a spec (InvalidArgument, before any call), or the server rejected it.</exception>
    public async Task<AnalysisInfo> SubmitAsync(string specJson, string? requestId = null, CancellationToken cancellationToken = default)
    {
        var request = new SubmitAnalysisRequest { Spec = SpecJson.Parse(specJson), RequestId = requestId ?? "" };
        var analysis = await Call(analyses.SubmitAnalysisAsync(request, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToInfo(analysis);
    }

    /// <summary>One analysis by name ("analyses/{id}" or the bare id).</summary>
    public async Task<AnalysisInfo> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var analysis = await Call(analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToInfo(analysis);
    }

    /// <summary>Every analysis, newest first, fetching pages as the enumeration goes.</summary>
    public async IAsyncEnumerable<AnalysisInfo> ListAsync(int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = "";
        do
        {
            var request = new ListAnalysesRequest { PageSize = pageSize, PageToken = token };
            var page = await Call(analyses.ListAnalysesAsync(request, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var analysis in page.Analyses)
            {
                yield return ProtoMapping.ToInfo(analysis);
            }

            token = page.NextPageToken;
        }
        while (token.Length != 0);
    }

    /// <summary>Stops a queued or running analysis and returns it; a finished one is returned unchanged.</summary>
    public async Task<AnalysisInfo> CancelAsync(string name, CancellationToken cancellationToken = default)
    {
        var analysis = await Call(analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = name }, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToInfo(analysis);
    }

    /// <summary>Validates a spec and returns its columns and the SQL each engine would run, without running it.</summary>
    /// <exception cref="CovidException">The JSON is not a spec, or the server found it invalid (with field violations).</exception>
    public async Task<Explanation> ExplainAsync(string specJson, CancellationToken cancellationToken = default)
    {
        var request = new ExplainAnalysisRequest { Spec = SpecJson.Parse(specJson) };
        var response = await Call(analyses.ExplainAnalysisAsync(request, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToExplanation(response);
    }
}
