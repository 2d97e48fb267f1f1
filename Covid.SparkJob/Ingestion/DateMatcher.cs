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
internal sealed class DateMatcher
{
    private enum Part { Year, Month, Day, Hour24, Hour12, Minute, Second, Fraction, AmPm, Literal }

    /// <summary>A number's part at its fixed offset, its digits already checked.</summary>
    private readonly record struct Field(Part Part, int At);

    // The pattern split by what each byte must be, so a cell is read in three tight loops rather
    // than one switch per part: the one-byte separators, every digit position, then the values.
    private readonly (int At, byte Byte)[] _separators;
    private readonly (int At, byte[] Bytes)[] _literals;
    private readonly int[] _digits;
    private readonly Field[] _fields;
    private readonly int _amPm = -1;
    private readonly bool _complete;
    private readonly int _length;

    public DateMatcher(string pattern)
    {
        var (separators, literals, digits, fields) = (new List<(int, byte)>(), new List<(int, byte[])>(), new List<int>(), new List<Field>());
        foreach (var (token, literal) in DatePatterns.Split(pattern))
        {
            var part = literal is null ? token switch
            {
                "yyyy" => Part.Year,
                "MM" => Part.Month,
                "dd" => Part.Day,
                "HH" => Part.Hour24,
                "hh" => Part.Hour12,
                "mm" => Part.Minute,
                "ss" => Part.Second,
                "fff" => Part.Fraction,
                "tt" => Part.AmPm,
                _ => Part.Literal,
            } : Part.Literal;
            var bytes = part == Part.Literal ? System.Text.Encoding.UTF8.GetBytes(literal ?? token) : [];
            // Every part has a fixed width, so each sits at a fixed offset and a cell of another length is no date in this pattern.
            var width = part switch { Part.Literal => bytes.Length, Part.Year => 4, Part.Fraction => 3, _ => 2 };
            switch (part)
            {
                case Part.Literal when bytes.Length == 1:
                    separators.Add((_length, bytes[0]));
                    break;
                case Part.Literal:
                    literals.Add((_length, bytes));
                    break;
                case Part.AmPm:
                    _amPm = _length;
                    break;
                default:
                    digits.AddRange(Enumerable.Range(_length, width));
                    fields.Add(new Field(part, _length));
                    break;
            }
            _length += width;
        }
        (_separators, _literals, _digits, _fields) = ([.. separators], [.. literals], [.. digits], [.. fields]);
        _complete = new[] { Part.Year, Part.Month, Part.Day }.All(p => fields.Any(f => f.Part == p));
    }

    /// <summary>True when <paramref name="cell"/> is a date (and time) written in the pattern; <paramref name="date"/> is its day.</summary>
    public bool TryParse(ReadOnlySpan<byte> cell, out DateOnly date)
    {
        date = default;
        if (cell.Length != _length || !_complete)
        {
            return false;
        }
        foreach (var (at, b) in _separators)
        {
            if (cell[at] != b)
            {
                return false;
            }
        }
        foreach (var at in _digits)
        {
            if ((uint)(cell[at] - '0') > 9)
            {
                return false;
            }
        }
        foreach (var (at, bytes) in _literals)
        {
            if (!cell.Slice(at, bytes.Length).SequenceEqual(bytes))
            {
                return false;
            }
        }
        if (_amPm >= 0 && !((cell[_amPm + 1] | 0x20) == 'm' && (cell[_amPm] | 0x20) is 'a' or 'p'))
        {
            return false;
        }
        int year = 0, month = 0, day = 0;
        foreach (var field in _fields)
        {
            var at = field.At;
            var ok = field.Part switch
            {
                Part.Year => (year = Two(cell, at) * 100 + Two(cell, at + 2)) > 0,
                Part.Fraction => true,
                Part.Month => (month = Two(cell, at)) is >= 1 and <= 12,
                Part.Day => (day = Two(cell, at)) is >= 1 and <= 31,
                Part.Hour24 => Two(cell, at) <= 23,
                Part.Hour12 => Two(cell, at) is >= 1 and <= 12,
                _ => Two(cell, at) <= 59, // Minute, Second
            };
            if (!ok)
            {
                return false;
            }
        }
        if (day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The two digits at <paramref name="at"/> (already known to be digits) as a number.</summary>
    private static int Two(ReadOnlySpan<byte> cell, int at) => ((cell[at] - '0') * 10) + (cell[at + 1] - '0');
}
