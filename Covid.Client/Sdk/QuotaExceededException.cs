using Grpc.Core;

namespace Covid.Client;

/// <summary>
/// The server refused for a limit (RESOURCE_EXHAUSTED): its queue is full, a quota of the caller's
/// (analyses, uploads, stored bytes, streams), the request rate or the message size. The message
/// names the limit's configuration key; waiting and retrying helps for the queue and the rate.
/// </summary>
public sealed class QuotaExceededException(string message, Exception? innerException = null)
    : CovidException(StatusCode.ResourceExhausted, message, null, innerException);
