using System.Globalization;

namespace MountSim.Reporting;

/// <summary>RFC 4180 fields and numbers that read back exactly and print the same on every machine.</summary>
public static class Csv
{
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>Round-trip formatting; NaN (an undefined value) is an empty field.</summary>
    public static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));
}
