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

    private readonly (Part Part, byte[] Literal)[] _parts;
    private readonly int _length;

    public DateMatcher(string pattern)
    {
        _parts = [.. DatePatterns.Split(pattern).Select(p => p.Literal is { } literal
            ? (Part.Literal, System.Text.Encoding.UTF8.GetBytes(literal))
            : p.Token switch
            {
                "yyyy" => (Part.Year, []),
                "MM" => (Part.Month, []),
                "dd" => (Part.Day, []),
                "HH" => (Part.Hour24, []),
                "hh" => (Part.Hour12, []),
                "mm" => (Part.Minute, []),
                "ss" => (Part.Second, []),
                "fff" => (Part.Fraction, []),
                "tt" => (Part.AmPm, []),
                var separator => (Part.Literal, System.Text.Encoding.UTF8.GetBytes(separator)),
            })];
        // Every part has a fixed width, so a cell of another length is no date in this pattern.
        _length = _parts.Sum(p => p.Part switch { Part.Literal => p.Literal.Length, Part.Year => 4, Part.Fraction => 3, _ => 2 });
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
        var at = 0;
        foreach (var (part, literal) in _parts)
        {
            switch (part)
            {
                case Part.Literal:
                    if (!cell[at..].StartsWith(literal))
                    {
                        return false;
                    }
                    at += literal.Length;
                    continue;
                case Part.AmPm:
                    if (cell.Length < at + 2 || (cell[at + 1] | 0x20) != 'm' || (cell[at] | 0x20) is not ('a' or 'p'))
                    {
                        return false;
                    }
                    at += 2;
                    continue;
            }
            var digits = part switch { Part.Year => 4, Part.Fraction => 3, _ => 2 };
            if (!Digits(cell, at, digits, out var value))
            {
                return false;
            }
            at += digits;
            var ok = part switch
            {
                Part.Year => (year = value) > 0,
                Part.Month => (month = value) is >= 1 and <= 12,
                Part.Day => (day = value) is >= 1 and <= 31,
                Part.Hour24 => value <= 23,
                Part.Hour12 => value is >= 1 and <= 12,
                Part.Minute or Part.Second => value <= 59,
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }
        if (at != cell.Length)
        {
            return false;
        }
        if (year == 0 || month == 0 || day == 0 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> cell, int at, int count, out int value)
    {
        value = 0;
        if (cell.Length < at + count)
        {
            return false;
        }
        for (var i = at; i < at + count; i++)
        {
            var d = cell[i] - (byte)'0';
            if ((uint)d > 9)
            {
                return false;
            }
            value = value * 10 + d;
        }
        return true;
    }
}
