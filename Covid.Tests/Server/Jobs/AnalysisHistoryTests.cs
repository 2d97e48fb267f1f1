using Covid.Server.Jobs;
using Covid.SparkJob.Errors;

namespace Covid.Tests.Server.Jobs;

/// <summary>The wait of a call that needs the finished history: until it is loaded, and never an answer without it.</summary>
public sealed class AnalysisHistoryTests
{
    [Fact]
    public async Task Wait_WhileLoading_ReturnsOnceLoaded()
    {
        var history = new AnalysisHistory();
        var waiting = Task.Run(history.Wait);
        await Task.Delay(50);

        Assert.False(waiting.IsCompleted);
        history.MarkLoaded();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(history.IsLoaded);
    }

    [Fact]
    public void Wait_LoadFailed_UnavailableNamingWhy()
    {
        var history = new AnalysisHistory();
        history.MarkFailed(new IOException("analyses/finished.jsonl: input/output error"));

        var error = Assert.Throws<ServiceException>(history.Wait);

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.Contains("could not load its stored analyses (analyses/finished.jsonl: input/output error)", error.Message, StringComparison.Ordinal);
    }
}
