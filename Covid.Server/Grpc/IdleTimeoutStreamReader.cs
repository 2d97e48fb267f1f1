using Covid.SparkJob.Errors;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>A client stream that ends the call when the client sends nothing for <paramref name="idle"/>.</summary>
internal sealed class IdleTimeoutStreamReader<T>(IAsyncStreamReader<T> inner, TimeSpan idle) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(idle);
        try
        {
            return await inner.MoveNext(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceException(ErrorCode.DeadlineExceeded,
                $"the client sent nothing for {idle.TotalSeconds:0.###} s (Limits:StreamIdleTimeout); the stream was ended and nothing it sent was kept");
        }
    }
}
