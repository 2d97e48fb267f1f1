namespace Covid.Server.Storage;

/// <summary>
/// Opening a file in a folder that nearly always exists: the folder is made only when the open
/// finds it missing, since making sure first costs every open a mkdir and a stat.
/// </summary>
public static class MissingFolder
{
    public static FileStream Open(string folder, Func<FileStream> open)
    {
        try
        {
            return open();
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(folder);
            return open();
        }
    }
}
