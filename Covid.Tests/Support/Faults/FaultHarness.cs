namespace Covid.Tests.Support.Faults;

/// <summary>
/// The fault harness of issue 11: the real server process over one data directory, loaded with
/// submits, uploads, replaces and followers, struck at a random moment — SIGKILL, SIGKILL while
/// the disk is full (on a small tmpfs, when running as root), or SIGTERM — then started again and
/// checked (<see cref="FaultCheck"/>) before the next trial. A last start checks every dataset row by row.
/// </summary>
internal sealed class FaultHarness(int trials, int seed)
{
    private static readonly string[] Settings =
    [
        "Jobs:ShutdownGracePeriod=00:00:05",
        // The load submits faster than analyses end; the per-principal quota is not what is tested.
        "Quotas:MaxActiveAnalyses=100000",
    ];

    public async Task<FaultReport> RunAsync(CancellationToken ct)
    {
        var random = new Random(seed);
        var seedCsv = CdcFiles.Get(CdcFiles.CasesDeaths2021);
        var workload = new FaultWorkload(seedCsv);
        var ledger = new FaultLedger();
        var report = new FaultReport();
        var check = new FaultCheck(ledger, workload, report);
        var load = new FaultLoad(ledger, workload, random);
        using var disk = Environment.IsPrivilegedProcess ? new SmallDisk(256) : null;
        using var temp = disk is null ? new TempDirectory() : null;
        var data = disk?.DataDirectory ?? temp!.Path;
        for (var trial = 0; trial < trials; trial++)
        {
            await using var server = await ServerProcess.StartAsync(data, ct, settings: [$"Data:Seed={seedCsv}", .. Settings]);
            await check.RunAsync(server, full: false, ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var running = load.RunAsync(server, trial, stop.Token);
            await Task.Delay(random.Next(300, 2500), ct);
            switch (trial % 3)
            {
                case 1:
                    report.Terminations++;
                    if (await server.TerminateAsync(TimeSpan.FromSeconds(60), ct) is not { } took)
                    {
                        report.Problem(report.Stuck, $"SIGTERM of trial {trial}", "the server had not exited 60 s after SIGTERM: " + server.RecentLog);
                        await server.KillAsync(ct);
                    }
                    else if (took > report.LongestTermination)
                    {
                        report.LongestTermination = took;
                    }
                    break;
                case 2 when disk is not null:
                    disk.Fill();
                    await Task.Delay(random.Next(200, 1000), ct);
                    await server.KillAsync(ct);
                    disk.Free();
                    report.DiskFullKills++;
                    break;
                default:
                    await server.KillAsync(ct);
                    report.Kills++;
                    break;
            }
            await stop.CancelAsync();
            await running;
            report.Trials++;
        }
        await using (var last = await ServerProcess.StartAsync(data, ct, settings: [$"Data:Seed={seedCsv}", .. Settings]))
        {
            await check.RunAsync(last, full: true, ct);
        }
        return report;
    }
}
