using Covid.Tests.Support;
using Covid.Tests.Support.Faults;
using Xunit.Abstractions;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// The fault harness (<see cref="FaultHarness"/>) against the real server process: a short run
/// here (3 trials: SIGKILL, SIGTERM, SIGKILL with the disk full when root); `bash bench/run.sh
/// faults 50` runs it by hand with more trials (FAULT_TRIALS) and keeps the table (FAULT_REPORT).
/// </summary>
public sealed class FaultHarnessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RealServer_KilledTermedAndFilledAtRandom_NothingAcknowledgedLostStuckOrWrong()
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("FAULT_TRIALS"), out var n) ? n : 3;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULT_SEED"), out var s) ? s : Environment.TickCount;

        var report = await new FaultHarness(trials, seed).RunAsync(Timeouts.Token(180 + (trials * 90)));

        var table = $"seed {seed}\n\n{report.ToTable()}";
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("FAULT_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, table);
        }
        Assert.Equal(trials, report.Trials);
        Assert.True(report.AcknowledgedAnalyses > 0 && report.AcknowledgedUploads > 0, table);
        Assert.True(report.Problems.Count == 0, table);
    }
}
