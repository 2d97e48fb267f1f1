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
    private enum Part { Year, Month, Day, Hour24, Hour12, Minute, Second, Fraction, AmPm, Separator, Literal }

    /// <summary>One part at its fixed offset in the cell; a one-byte separator compared as a byte.</summary>
    private readonly record struct Step(Part Part, int At, byte Byte, byte[] Literal);

    private readonly Step[] _steps;
    private readonly int _length;

    public DateMatcher(string pattern)
    {
        var steps = new List<Step>();
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
            if (bytes.Length == 1)
            {
                part = Part.Separator;
            }
            steps.Add(new Step(part, _length, bytes.Length == 1 ? bytes[0] : (byte)0, bytes));
            // Every part has a fixed width, so each sits at a fixed offset and a cell of another length is no date in this pattern.
            _length += part switch { Part.Literal or Part.Separator => bytes.Length, Part.Year => 4, Part.Fraction => 3, _ => 2 };
        }
        _steps = [.. steps];
    }

    /// <summary>True when <paramref name="cell"/> is a date (and time) written in the pattern; <paramref name="date"/> is its day.</summary>
    public bool TryParse(ReadOnlySpan<byte> cell, out DateOnly date)
    {
        date = default;
        if (cell.Length != _length)
        {
            return false;
        }
        int year = 0, month = 0, day = 0;
        foreach (var step in _steps)
        {
            var at = step.At;
            var ok = step.Part switch
            {
                Part.Separator => cell[at] == step.Byte,
                Part.Literal => cell.Slice(at, step.Literal.Length).SequenceEqual(step.Literal),
                Part.AmPm => (cell[at + 1] | 0x20) == 'm' && (cell[at] | 0x20) is 'a' or 'p',
                Part.Year => (year = Number(cell, at, 4)) > 0,
                Part.Fraction => Number(cell, at, 3) >= 0,
                Part.Month => (month = Number(cell, at, 2)) is >= 1 and <= 12,
                Part.Day => (day = Number(cell, at, 2)) is >= 1 and <= 31,
                Part.Hour24 => Number(cell, at, 2) is >= 0 and <= 23,
                Part.Hour12 => Number(cell, at, 2) is >= 1 and <= 12,
                _ => Number(cell, at, 2) is >= 0 and <= 59, // Minute, Second
            };
            if (!ok)
            {
                return false;
            }
        }
        if (year == 0 || month == 0 || day == 0 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The <paramref name="count"/> digits at <paramref name="at"/> as a number, or -1 when one is no digit.</summary>
    private static int Number(ReadOnlySpan<byte> cell, int at, int count)
    {
        var value = 0;
        foreach (var b in cell.Slice(at, count))
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return -1;
            }
            value = value * 10 + (int)d;
        }
        return value;
    }
}
