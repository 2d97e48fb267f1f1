using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Checks the cells of one schema field as UTF-8 bytes, the way the Parquet conversion will read
/// them: null tokens, integers (where the form allows, with a zero decimal part: "800.0"), finite
/// numbers, dates and timestamps in the form's patterns. Compiled once per file, so a cell costs
/// a few comparisons and no allocation.
/// </summary>
internal sealed class CellRule
{
    private readonly byte[][] _nullTokens;
    private readonly DateMatcher[] _patterns;
    private readonly bool _integralDecimal;
    private readonly string _writtenAs;
    private readonly FieldType _type;

    public CellRule(SchemaField field, int index, ExportForm form)
    {
        Field = field;
        Index = index;
        _nullTokens = [.. field.NullTokens.Select(Encoding.UTF8.GetBytes)];
        _patterns = field.Type is FieldType.Date or FieldType.Timestamp ? [.. field.DatePatternsIn(form).Select(p => new DateMatcher(p))] : [];
        _integralDecimal = field.AcceptsIntegralDecimal(form);
        _writtenAs = field.Type is FieldType.Date or FieldType.Timestamp ? field.WrittenAs(form) : "";
        _type = field.Type;
    }

    public SchemaField Field { get; }

    /// <summary>The 0-based column of the file the field is read from.</summary>
    public int Index { get; }

    /// <summary>The cell, or empty when it is one of the field's null tokens.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> cell) => _nullTokens.Length == 0 || cell.IsEmpty ? cell : WithoutNullToken(cell);

    private ReadOnlySpan<byte> WithoutNullToken(ReadOnlySpan<byte> cell)
    {
        foreach (var token in _nullTokens)
        {
            if (cell.SequenceEqual(token))
            {
                return [];
            }
        }
        return cell;
    }

    /// <summary>False for a field whose cells are all valid where not required (text): not worth a look.</summary>
    public bool NeedsCheck => _type != FieldType.String;

    /// <summary>
    /// True when the (null-token-cleared) cell is valid where not required, the common shapes read
    /// without a call: this runs for every cell of every upload. False sends it to <see cref="Problem"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(ReadOnlySpan<byte> cell) => cell.IsEmpty || _type switch
    {
        FieldType.String => true,
        FieldType.Int64 => ShortDigits(cell) || Digits(cell, out _) || TryInteger(cell, out _),
        FieldType.Date or FieldType.Timestamp => TryDate(cell, out _),
        _ => Problem(cell, required: false) is null,
    };

    /// <summary>Null when the (null-token-cleared) cell is valid, else what is wrong with it.</summary>
    public string? Problem(ReadOnlySpan<byte> cell, bool required)
    {
        if (cell.IsEmpty)
        {
            return required ? "is empty but required" : null;
        }
        return _type switch
        {
            FieldType.String => null,
            FieldType.Int64 => TryInteger(cell, out _) ? null
                : _integralDecimal ? "is not an integer (a decimal part must be zero, as in 800.0)" : "is not an integer",
            // No surrounding white space: the SQL conversion (CellShapes.Number) refuses it, in both engines.
            FieldType.Double => double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? null : "is not a number",
            FieldType.Date => TryDate(cell, out _) ? null : $"is not a date written {_writtenAs}",
            FieldType.Timestamp => TryDate(cell, out _) ? null : $"is not a timestamp written {_writtenAs}",
            _ => $"has an unsupported type {Field.Type}",
        };
    }

    /// <summary>An integer, or where the form allows it a decimal whose fraction is zero ("800.0": SODA, RESP-NET's MMWR year).</summary>
    public bool TryInteger(ReadOnlySpan<byte> cell, out long value)
    {
        if (Digits(cell, out value))
        {
            return true;
        }
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        var point = cell.IndexOf((byte)'.');
        // The SQL conversion strips the same "\.0+$" before its cast, so both accept exactly these.
        return _integralDecimal && point > 0 && point < cell.Length - 1
            && cell[(point + 1)..].IndexOfAnyExcept((byte)'0') < 0
            && long.TryParse(cell[..point], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The commonest cell of all, answered without a loop: up to 16 digits, perhaps after a minus.
    /// The digits are read as two overlapping words; a byte is a digit when its high nibble is 3 and
    /// adding 6 leaves it so (a byte that is no digit fails the first test before any carry from it matters).
    /// With the inlined cell reads this took a quarter of the row check's samples away (README, ingest).
    /// </summary>
    private static bool ShortDigits(ReadOnlySpan<byte> cell)
    {
        var digits = cell.Length > 1 && cell[0] == (byte)'-' ? cell[1..] : cell;
        ref var first = ref MemoryMarshal.GetReference(digits);
        switch (digits.Length)
        {
            case 0:
                return false;
            case <= 3:
                // Positions 0, n/2 and n-1 cover every byte of one, two or three.
                return IsDigit(first) & IsDigit(Unsafe.Add(ref first, digits.Length >> 1)) & IsDigit(Unsafe.Add(ref first, digits.Length - 1));
            case <= 8:
                return Digits4(Unsafe.ReadUnaligned<uint>(ref first)) & Digits4(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, digits.Length - 4)));
            case <= 16:
                return Digits8(Unsafe.ReadUnaligned<ulong>(ref first)) & Digits8(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, digits.Length - 8)));
            default:
                return false;
        }
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Digits4(uint word) =>
        ((word & 0xF0F0F0F0u) == 0x30303030u) & (((word + 0x06060606u) & 0xF0F0F0F0u) == 0x30303030u);

    private static bool Digits8(ulong word) =>
        ((word & 0xF0F0F0F0F0F0F0F0ul) == 0x3030303030303030ul) & (((word + 0x0606060606060606ul) & 0xF0F0F0F0F0F0F0F0ul) == 0x3030303030303030ul);

    /// <summary>The common case fast: up to 18 digits, perhaps after a minus, cannot overflow; anything else goes to long.TryParse.</summary>
    private static bool Digits(ReadOnlySpan<byte> cell, out long value)
    {
        value = 0;
        var negative = cell.Length > 1 && cell[0] == (byte)'-';
        var digits = negative ? cell[1..] : cell;
        if (digits.Length is 0 or > 18)
        {
            return false;
        }
        foreach (var b in digits)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }
            value = value * 10 + d;
        }
        value = negative ? -value : value;
        return true;
    }

    /// <summary>
    /// The date, by the first of the form's patterns that reads the whole cell. A pattern with a
    /// time of day (SODA's "2020-01-23T00:00:00.000") reads a timestamp and keeps its day, as the
    /// engines' CAST to DATE does.
    /// </summary>
    public bool TryDate(ReadOnlySpan<byte> cell, out DateOnly date)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.TryParse(cell, out date))
            {
                return true;
            }
        }
        date = default;
        return false;
    }
}
