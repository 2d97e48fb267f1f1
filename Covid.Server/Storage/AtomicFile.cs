namespace Covid.Server.Storage;

/// <summary>
/// Whole files written to a temp file beside the target and renamed into place, so a crash of the
/// process leaves the old version or the new one, never half of either. A durable write is also
/// flushed to the disk before the rename, so that holds after a crash of the machine too.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of temp files; start-up may delete any it finds, since none is ever the only copy.</summary>
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write, bool durable = true)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + TempSuffix;
        try
        {
            using (var stream = MissingFolder.Open(Path.GetDirectoryName(path)!, () => new FileStream(temp, FileMode.CreateNew, FileAccess.Write)))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // Deleted only when the write failed: after the move there is nothing to delete (and asking costs two calls).
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Its folder is gone too: the failure being thrown is the one that matters.
            }
            throw;
        }
    }

    public static void WriteText(string path, string text, bool durable = true) =>
        Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)), durable);
}
