using System.Globalization;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Ingestion;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// An integer cell's fast check (two overlapping words of digits, no loop) answers as the general
/// one does, and as long.TryParse reads an integer, for cells of every length from 0 to 20 bytes:
/// all digits, a minus or plus, one byte changed to a neighbour of '0'..'9' ('/', ':', the same digit
/// with another high nibble), a decimal part, bytes that are not ASCII.
/// </summary>
public sealed class IntegerCellTests
{
    private static readonly SchemaField Count = SchemaCatalog.BuiltIn.Get("cdc-cases-deaths-by-state").Field("tot_cases")!;

    [Fact]
    public void IsValid_CellsOfEveryLength_AnswersAsLongTryParse()
    {
        var rule = new CellRule(Count, 0, ExportForm.Rows);
        var random = new Random(12);
        var compared = 0;
        foreach (var cell in Cells(random))
        {
            // A span that ends where the cell does: the fast check may read no byte past it.
            var bytes = cell.ToArray();
            var expected = bytes.Length == 0
                || long.TryParse(bytes, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            Assert.True(expected == rule.IsValid(bytes), $"'{Encoding.Latin1.GetString(bytes)}' ({bytes.Length} bytes): long.TryParse says {expected}");
            Assert.Equal(expected, rule.Problem(bytes, required: false) is null);
            compared++;
        }
        Assert.True(compared > 20_000, $"only {compared} cells compared");
    }

    private static IEnumerable<byte[]> Cells(Random random)
    {
        byte[] odd = [(byte)'/', (byte)':', 0x20, 0x40, 0x10, 0xB5, 0xC3, (byte)'.', (byte)'e', (byte)' ', 0x00, 0x3A, 0x3F, 0x29];
        for (var length = 0; length <= 20; length++)
        {
            for (var i = 0; i < 300; i++)
            {
                var digits = new byte[length];
                for (var j = 0; j < length; j++)
                {
                    digits[j] = (byte)('0' + random.Next(10));
                }
                yield return digits;
                yield return [(byte)'-', .. digits];
                yield return [(byte)'+', .. digits];
                if (length > 0)
                {
                    var changed = (byte[])digits.Clone();
                    var at = random.Next(length);
                    changed[at] = random.Next(2) == 0 ? odd[random.Next(odd.Length)] : (byte)(changed[at] ^ (0x10 << random.Next(4)));
                    yield return changed;
                    yield return [.. digits, (byte)'.', (byte)'0'];
                }
            }
        }
        yield return "-"u8.ToArray();
        yield return "--1"u8.ToArray();
        yield return "9223372036854775807"u8.ToArray();
        yield return "9223372036854775808"u8.ToArray();
        yield return "-9223372036854775808"u8.ToArray();
    }
}
