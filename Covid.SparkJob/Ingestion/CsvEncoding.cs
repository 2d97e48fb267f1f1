using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The encoding part of the line check: a file must be UTF-8 (a byte order mark at its start is
/// allowed and skipped). UTF-16 and UTF-32, Latin-1/Windows-1252 bytes and binary data are refused
/// with the line and what the bytes look like, so the user knows how to save the file instead.
/// </summary>
internal static class CsvEncoding
{
    private const string SaveAsUtf8 = "save it as UTF-8 (in Excel: CSV UTF-8) and load it again";

    /// <summary>
    /// Checks the first bytes of the file (at least 4 unless the file is shorter) and returns how many
    /// to skip: 3 for a UTF-8 byte order mark, else 0.
    /// </summary>
    public static int CheckStart(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return 3;
        }
        var other = head switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 (little-endian): it begins with the byte order mark FF FE 00 00",
            [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 (big-endian): it begins with the byte order mark 00 00 FE FF",
            [0xFF, 0xFE, ..] => "UTF-16 (little-endian): it begins with the byte order mark FF FE",
            [0xFE, 0xFF, ..] => "UTF-16 (big-endian): it begins with the byte order mark FE FF",
            [not 0, 0, not 0, 0, ..] => "UTF-16 (little-endian): every other byte is 00",
            [0, not 0, 0, not 0, ..] => "UTF-16 (big-endian): every other byte is 00",
            _ => null,
        };
        return other is null ? 0 : throw new DatasetFormatException(1, $"the file is {other}, not UTF-8; {SaveAsUtf8}");
    }

    /// <summary>Bytes at the end of <paramref name="bytes"/> that begin a UTF-8 sequence the next chunk completes.</summary>
    public static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: look further back for the lead
            }
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }
        return 0;
    }

    /// <summary>
    /// Refuses <paramref name="text"/> unless it is UTF-8 without NUL bytes. <paramref name="lineStart"/>
    /// is where the line holding its first byte begins (for the context shown) and <paramref name="line"/> its number.
    /// </summary>
    public static void Check(ReadOnlySpan<byte> text, ReadOnlySpan<byte> before, long line)
    {
        if (Ascii.IsValid(text) && !text.Contains((byte)0))
        {
            return;
        }
        var at = FirstProblem(text);
        if (at < 0)
        {
            return;
        }
        // The line number and context of the offending byte: count the line breaks before it.
        var prefix = text[..at];
        var errorLine = line + prefix.Count((byte)'\n');
        var lineStart = prefix.LastIndexOf((byte)'\n');
        var context = lineStart >= 0 ? prefix[(lineStart + 1)..] : Concat(before, prefix);
        var shown = Encoding.UTF8.GetString(context[Math.Max(0, context.Length - 30)..]).TrimStart('\uFFFD');
        var rest = text[at..];
        throw new DatasetFormatException(checked((int)errorLine), LooksBinary(rest)
            ? $"is not text: byte {Hex(rest[0])} after '{shown}' (and what follows) looks like binary data, not a CSV export"
            : rest[0] == 0
                ? $"has a NUL byte (00) after '{shown}': a binary file or UTF-16 text, not UTF-8"
                : $"is not UTF-8: byte {Hex(rest[0])} after '{shown}' is '{Latin1(rest[0])}' in Latin-1 (ISO-8859-1) or Windows-1252, which this file seems to be written in; {SaveAsUtf8}");
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => [.. a, .. b];

    /// <summary>The offset of the first NUL byte or invalid UTF-8 sequence, or -1.</summary>
    private static int FirstProblem(ReadOnlySpan<byte> text)
    {
        var nul = text.IndexOf((byte)0);
        var i = 0;
        while (i < text.Length && (nul < 0 || i < nul))
        {
            if (System.Text.Rune.DecodeFromUtf8(text[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }
            i += consumed;
        }
        return nul;
    }

    /// <summary>Binary rather than text in another encoding: NUL or control bytes near the first bad one.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> from)
    {
        var window = from[..Math.Min(from.Length, 512)];
        var controls = 0;
        foreach (var b in window)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                controls++;
            }
        }
        return controls * 50 > window.Length || (controls > 0 && window.Length < 50);
    }

    private static string Hex(byte b) => b.ToString("X2", CultureInfo.InvariantCulture);

    private static string Latin1(byte b) => Encoding.Latin1.GetString([b]);

    /// <summary>The UTF-8 byte order mark, allowed only at the very start of the file.</summary>
    public static bool IsByteOrderMark(ReadOnlySpan<byte> at) => at.Length >= 3 && BinaryPrimitives.ReadUInt16BigEndian(at) == 0xEFBB && at[2] == 0xBF;
}
