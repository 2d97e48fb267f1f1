using System.Globalization;
using System.Text;
using Covid.SparkJob.Ingestion;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// The date patterns of the schemas read by <see cref="DateMatcher"/> (bytes, fixed offsets) as
/// .NET's TryParseExact reads them with the invariant culture: real dates in every pattern, and
/// the same dates with one character changed, a day past the month's end, another length. The one
/// difference kept on purpose: hh must be 01..12 (.NET also takes 00 and 13..23).
/// </summary>
public sealed class DateMatcherTests
{
    [Theory]
    [InlineData("MM/dd/yyyy")]
    [InlineData("MM/dd/yyyy hh:mm:ss tt")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.fff")]
    [InlineData("yyyy-MM-dd")]
    public void TryParse_RealAndBrokenCells_AnswersAsTryParseExact(string pattern)
    {
        var matcher = new DateMatcher(pattern);
        var random = new Random(7);
        var compared = 0;
        foreach (var cell in Cells(pattern, random))
        {
            var theirs = DateTime.TryParseExact(cell, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
            var hh = pattern.IndexOf("hh", StringComparison.Ordinal);
            if (theirs && hh >= 0 && cell.Substring(hh, 2) is var hour && (hour == "00" || string.CompareOrdinal(hour, "12") > 0))
            {
                continue; // the documented difference
            }
            var ours = matcher.TryParse(Encoding.UTF8.GetBytes(cell), out var day);
            Assert.True(theirs == ours, $"'{cell}' in {pattern}: TryParseExact says {theirs}, the matcher {ours}");
            if (ours)
            {
                Assert.Equal(DateOnly.FromDateTime(parsed), day);
            }
            compared++;
        }
        Assert.True(compared > 5_000, $"only {compared} cells compared");
    }

    private static IEnumerable<string> Cells(string pattern, Random random)
    {
        const string Noise = "0123456789/-: .TAPMapmx";
        for (var i = 0; i < 2_000; i++)
        {
            var when = new DateTime(2000, 1, 1).AddSeconds(random.NextInt64(0, 40L * 365 * 86_400)).AddMilliseconds(random.Next(1000));
            var cell = when.ToString(pattern, CultureInfo.InvariantCulture);
            yield return cell;
            yield return cell.ToLowerInvariant();
            var chars = cell.ToCharArray();
            chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
            yield return new string(chars);
            yield return cell[..^1];
            yield return cell + "0";
            yield return " " + cell;
        }
        foreach (var (month, day) in new[] { (2, 29), (2, 30), (4, 31), (12, 31), (13, 1), (0, 10), (1, 0), (6, 32) })
        {
            foreach (var year in new[] { 1900, 2000, 2021, 2024 })
            {
                var fake = new DateTime(year, 1, 1, 9, 5, 7).ToString(pattern, CultureInfo.InvariantCulture);
                var at = pattern.IndexOf("MM", StringComparison.Ordinal);
                fake = fake[..at] + month.ToString("00", CultureInfo.InvariantCulture) + fake[(at + 2)..];
                at = pattern.IndexOf("dd", StringComparison.Ordinal);
                yield return fake[..at] + day.ToString("00", CultureInfo.InvariantCulture) + fake[(at + 2)..];
            }
        }
    }
}
