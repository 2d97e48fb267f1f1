using Covid.SparkJob.Errors;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>
/// A client stream with the call limits of one: the call ends when the client sends nothing for
/// <paramref name="idle"/> (Limits:StreamIdleTimeout), and a message over the size limit is refused
/// naming Limits:MaxMessageBytes (grpc-dotnet raises RESOURCE_EXHAUSTED for it while reading).
/// </summary>
internal sealed class LimitedStreamReader<T>(IAsyncStreamReader<T> inner, TimeSpan idle, int maxMessageBytes) : IAsyncStreamReader<T>
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
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            throw ServiceException.ResourceExhausted(MessageSizeGate.Refusal(maxMessageBytes) + "; nothing it sent was kept");
        }
        catch (Exception e) when (UnparsableMessage.Reason(e) is { } why)
        {
            throw ServiceException.InvalidArgument("request", $"a message of the stream is not a valid {typeof(T).Name} ({why}); nothing it sent was kept");
        }
    }
}
