using System.Runtime.CompilerServices;
using Covid.V1;

namespace Covid.Client;

public sealed partial class CovidClient
{
    /// <summary>
    /// Checks the spec's shape, submits it and returns a handle on the queued analysis at once. The
    /// submit carries a request id (<paramref name="requestId"/>, or a new one), so a retry after a
    /// dropped connection returns the analysis created first instead of running it twice. A spec
    /// you already ran over the same dataset version is answered with that analysis
    /// (<see cref="AnalysisInfo.ServedFromCache"/>) unless <paramref name="recompute"/>.
    /// </summary>
    /// <exception cref="InvalidSpecException">Its shape is wrong, or the server found it invalid (with field violations).</exception>
    /// <exception cref="QuotaExceededException">The server's queue is full, or the caller has too many analyses running.</exception>
    public async Task<AnalysisHandle> SubmitAsync(AnalysisSpec spec, string? requestId = null, bool recompute = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        SpecShape.ThrowIfInvalid(spec);
        var request = new SubmitAnalysisRequest { Spec = SpecMapping.ToProto(spec), RequestId = requestId ?? $"sdk-{Guid.NewGuid():N}", Recompute = recompute };
        var analysis = await Unary(o => analyses.SubmitAnalysisAsync(request, o), idempotent: true, cancellationToken, spec: true).ConfigureAwait(false);
        return new AnalysisHandle(this, ProtoMapping.ToInfo(analysis));
    }

    /// <summary>As <see cref="SubmitAsync(AnalysisSpec, string?, bool, CancellationToken)"/>, for a spec in its proto3 JSON form (as kept in files).</summary>
    /// <exception cref="InvalidSpecException">The JSON is not a spec (before any call), its shape is wrong, or the server rejected it.</exception>
    public Task<AnalysisHandle> SubmitAsync(string specJson, string? requestId = null, bool recompute = false, CancellationToken cancellationToken = default) =>
        SubmitAsync(AnalysisSpec.FromJson(specJson), requestId, recompute, cancellationToken);

    /// <summary>A handle on an analysis by name ("analyses/{id}" or the bare id), without calling the server.</summary>
    public AnalysisHandle GetHandle(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new AnalysisHandle(this, name.Contains('/', StringComparison.Ordinal) ? name : "analyses/" + name);
    }

    /// <summary>One analysis by name ("analyses/{id}" or the bare id).</summary>
    /// <exception cref="NotFoundException">No such analysis (or another user's).</exception>
    public async Task<AnalysisInfo> GetAsync(string name, CancellationToken cancellationToken = default) =>
        ProtoMapping.ToInfo(await Unary(o => analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, o), idempotent: true, cancellationToken).ConfigureAwait(false));

    /// <summary>Every analysis, newest first, fetching pages as the enumeration goes.</summary>
    public async IAsyncEnumerable<AnalysisInfo> ListAsync(int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = "";
        do
        {
            var request = new ListAnalysesRequest { PageSize = pageSize, PageToken = token };
            var page = await Unary(o => analyses.ListAnalysesAsync(request, o), idempotent: true, cancellationToken).ConfigureAwait(false);
            foreach (var analysis in page.Analyses)
            {
                yield return ProtoMapping.ToInfo(analysis);
            }
            token = page.NextPageToken;
        }
        while (token.Length != 0);
    }

    /// <summary>Stops a queued or running analysis and returns it; a finished one is returned unchanged.</summary>
    /// <exception cref="NotFoundException">No such analysis.</exception>
    public async Task<AnalysisInfo> CancelAsync(string name, CancellationToken cancellationToken = default) =>
        ProtoMapping.ToInfo(await Unary(o => analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = name }, o), idempotent: true, cancellationToken).ConfigureAwait(false));

    /// <summary>Validates a spec on the server and returns its columns and the SQL each engine would run, without running it.</summary>
    /// <exception cref="InvalidSpecException">Its shape is wrong, or the server found it invalid (with field violations).</exception>
    public async Task<Explanation> ExplainAsync(AnalysisSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        SpecShape.ThrowIfInvalid(spec);
        var request = new ExplainAnalysisRequest { Spec = SpecMapping.ToProto(spec) };
        return ProtoMapping.ToExplanation(await Unary(o => analyses.ExplainAnalysisAsync(request, o), idempotent: true, cancellationToken, spec: true).ConfigureAwait(false));
    }

    /// <summary>As <see cref="ExplainAsync(AnalysisSpec, CancellationToken)"/>, for a spec in its proto3 JSON form.</summary>
    public Task<Explanation> ExplainAsync(string specJson, CancellationToken cancellationToken = default) =>
        ExplainAsync(AnalysisSpec.FromJson(specJson), cancellationToken);
}
