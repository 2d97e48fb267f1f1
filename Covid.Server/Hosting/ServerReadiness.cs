namespace Covid.Server.Hosting;

/// <summary>Set once datasets are loaded and analyses recovered; grpc.health.v1 reports SERVING from then on.</summary>
public sealed class ServerReadiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
