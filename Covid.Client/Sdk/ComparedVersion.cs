namespace Covid.Client;

/// <summary>
/// The other version of the dataset a spec compares with (<see cref="AnalysisSpec.CompareTo"/>): exactly
/// one of <see cref="AsOf"/> and <see cref="Version"/>. Every metric <c>m</c> then gets the columns
/// <c>m_then</c> (its value in that version) and <c>m_revision</c> (this version's value minus <c>m_then</c>).
/// </summary>
/// <param name="AsOf">The version whose data-as-of is the latest on or before this day; null when <paramref name="Version"/> is given.</param>
/// <param name="Version">A version number (1, 2, 3 … in load order); 0 when <paramref name="AsOf"/> is given.</param>
public sealed record ComparedVersion(DateOnly? AsOf, int Version)
{
    /// <summary>The version the dataset had on <paramref name="day"/>.</summary>
    public static ComparedVersion OnDay(DateOnly day) => new(day, 0);

    /// <summary>Version <paramref name="version"/> of the dataset.</summary>
    public static ComparedVersion Number(int version) => new(null, version);
}
