using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// One schema date pattern (<see cref="DatePatterns"/>: yyyy MM dd HH hh mm ss fff tt, separators,
/// quoted literals) compiled to read UTF-8 cells exactly as .NET's TryParseExact with the invariant
/// culture does — fixed digit counts, real calendar days, AM/PM in any case — without allocating,
/// because it runs for every date cell of every upload. A test holds it to TryParseExact's answers;
/// the one difference is hh, which must be 01..12 here (.NET also takes 00 and 13..23 PM, which no
/// engine's %I reads).
/// </summary>
/// <remarks>
/// Every part has a fixed width, so each sits at a fixed offset: the cell is checked 16 bytes at a
/// time against masks (which bytes must be digits, which must equal a literal) and only then are
/// the numbers read, without a branch per part. A loop over the parts took about 40 ns per date
/// cell, a fifth of the line check; this takes about half of that (README, ingest).
/// </remarks>
internal sealed class DateMatcher
{
    private const int Block = 16;

    private readonly int _length;
    // Padded to whole blocks; zero beyond the pattern, so the padding of a copied cell always passes.
    private readonly byte[] _digits;
    private readonly byte[] _literalMask;
    private readonly byte[] _literal;
    private readonly byte[] _fold;
    private readonly int _year = -1, _month = -1, _day = -1, _amPm = -1;
    // Two-digit parts checked for range only (hours, minutes, seconds): offset, lowest, highest.
    private readonly (int At, int Min, int Max)[] _ranges;

    public DateMatcher(string pattern)
    {
        var parts = new List<(string Token, byte[] Literal, int At)>();
        foreach (var (token, literal) in DatePatterns.Split(pattern))
        {
            var bytes = literal is null && token is "yyyy" or "MM" or "dd" or "HH" or "hh" or "mm" or "ss" or "fff" or "tt"
                ? [] : System.Text.Encoding.UTF8.GetBytes(literal ?? token);
            parts.Add((bytes.Length == 0 ? token : "", bytes, _length));
            _length += bytes.Length > 0 ? bytes.Length : token.Length;
        }
        var padded = (_length + Block - 1) / Block * Block;
        (_digits, _literalMask, _literal, _fold) = (new byte[padded], new byte[padded], new byte[padded], new byte[padded]);
        var ranges = new List<(int, int, int)>();
        foreach (var (token, literal, at) in parts)
        {
            if (literal.Length > 0)
            {
                literal.CopyTo(_literal, at);
                _literalMask.AsSpan(at, literal.Length).Fill(0xFF);
                continue;
            }
            if (token == "tt")
            {
                // "AM"/"PM" in any case: the M folded to lower case and compared; the A or P read apart.
                _amPm = at;
                (_literal[at + 1], _literalMask[at + 1], _fold[at + 1]) = ((byte)'m', 0xFF, 0x20);
                continue;
            }
            _digits.AsSpan(at, token.Length).Fill(0xFF);
            switch (token)
            {
                case "yyyy": _year = at; break;
                case "MM": _month = at; break;
                case "dd": _day = at; break;
                case "HH": ranges.Add((at, 0, 23)); break;
                case "hh": ranges.Add((at, 1, 12)); break;
                case "mm" or "ss": ranges.Add((at, 0, 59)); break;
            }
        }
        _ranges = [.. ranges];
    }

    /// <summary>True when <paramref name="cell"/> is a date (and time) written in the pattern; <paramref name="date"/> is its day.</summary>
    public bool TryParse(ReadOnlySpan<byte> cell, out DateOnly date)
    {
        date = default;
        if (cell.Length != _length || _year < 0 || _month < 0 || _day < 0)
        {
            return false;
        }
        // A copy padded with zeros: a cell's bytes may end where its span does.
        Span<byte> bytes = _digits.Length <= 64 ? stackalloc byte[64] : new byte[_digits.Length];
        bytes = bytes[.._digits.Length];
        bytes[_length..].Clear();
        cell.CopyTo(bytes);
        ref var b = ref MemoryMarshal.GetReference(bytes);
        for (var i = 0; i < bytes.Length; i += Block)
        {
            var v = Vector128.LoadUnsafe(ref b, (nuint)i);
            var literalWrong = (((v | Load(_fold, i)) ^ Load(_literal, i)) & Load(_literalMask, i)) != Vector128<byte>.Zero;
            var digitWrong = Vector128.GreaterThanAny((v - Vector128.Create((byte)'0')) & Load(_digits, i), Vector128.Create((byte)9));
            if (literalWrong | digitWrong)
            {
                return false;
            }
        }
        if (_amPm >= 0 && (bytes[_amPm] | 0x20) is not ('a' or 'p'))
        {
            return false;
        }
        foreach (var (at, min, max) in _ranges)
        {
            if (Two(bytes, at) is var value && (value < min || value > max))
            {
                return false;
            }
        }
        var (year, month, day) = (Two(bytes, _year) * 100 + Two(bytes, _year + 2), Two(bytes, _month), Two(bytes, _day));
        if (year == 0 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The two digits at <paramref name="at"/>, already known to be digits.</summary>
    private static int Two(ReadOnlySpan<byte> bytes, int at) => (bytes[at] - '0') * 10 + bytes[at + 1] - '0';

    private static Vector128<byte> Load(byte[] mask, int at) => Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(mask), (nuint)at);
}
