using Covid.Server.Tenancy;
using Covid.SparkJob.Errors;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>Runs a state-changing call and writes its audit line, whether it succeeded or how it failed.</summary>
public sealed class Audit(AuditLog log)
{
    public T Run<T>(ServerCallContext context, string action, Func<T, string> target, Func<T> work, string asked)
    {
        try
        {
            var result = work();
            log.Record(context.Caller(), action, target(result), "ok");
            return result;
        }
        catch (Exception ex)
        {
            log.Record(context.Caller(), action, asked, Outcome(ex));
            throw;
        }
    }

    public async Task<T> RunAsync<T>(ServerCallContext context, string action, Func<T, string> target, Func<Task<T>> work, string asked)
    {
        try
        {
            var result = await work();
            log.Record(context.Caller(), action, target(result), "ok");
            return result;
        }
        catch (Exception ex)
        {
            log.Record(context.Caller(), action, asked, Outcome(ex));
            throw;
        }
    }

    private static string Outcome(Exception ex) => ex switch
    {
        ServiceException service => $"{service.Code}: {(service.Message.Length <= 300 ? service.Message : service.Message[..300] + "…")}",
        OperationCanceledException => "Cancelled",
        _ => "Internal",
    };
}
