using Covid.V1;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Covid.Bench;

/// <summary>UploadDataset as the SDK sends it: the header, then the file in 64 KiB chunks.</summary>
internal static class Upload
{
    public static async Task<Dataset> FileAsync(GrpcChannel channel, string path, string name, string schema)
    {
        var client = new DatasetService.DatasetServiceClient(channel);
        using var call = client.UploadDataset();
        await call.RequestStream.WriteAsync(new UploadDatasetRequest
        {
            Header = new UploadHeader { Name = name, Schema = schema, FileName = Path.GetFileName(path), Replace = true, Synthetic = true },
        });
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await file.ReadAsync(buffer)) > 0)
        {
            await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) });
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }
}
