namespace Covid.SparkJob.Results;

/// <summary>
/// The columns <c>compareTo</c> adds after each metric <c>m</c>: <c>m_then</c>, its value in the
/// other version, and <c>m_revision</c>, this version's value minus that one.
/// </summary>
public static class RevisionColumns
{
    public static string Then(string metric) => metric + "_then";

    public static string Revision(string metric) => metric + "_revision";
}
