namespace MountSim.Yaml;

/// <summary>
/// An input file (topology, kernel profile, strategy) that cannot be used, with where and why: the
/// message reads <c>FILE:LINE:COLUMN: FIELD: PROBLEM</c>, like a compiler's, so editors can jump to it.
/// Lines and columns count from 1; 0 means the problem is the file as a whole (it cannot be read).
/// </summary>
public class InputFileException : Exception
{
    public InputFileException(string file, int line, int column, string field, string problem, Exception? inner = null)
        : base($"{file}{(line > 0 ? $":{line}:{column}" : string.Empty)}: {(field.Length > 0 ? field + ": " : string.Empty)}{problem}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Problem = problem;
    }

    public InputFileException()
        : this(string.Empty, 0, 0, string.Empty, "invalid input file")
    {
    }

    public InputFileException(string message)
        : this(string.Empty, 0, 0, string.Empty, message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : this(string.Empty, 0, 0, string.Empty, message, innerException)
    {
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The dotted path of the offending field, e.g. <c>latency.same_llc</c>; empty for the whole file.</summary>
    public string Field { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
