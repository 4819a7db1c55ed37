using MountSim.Yaml;

namespace MountSim.Hardware.Yaml;

/// <summary>A topology file that cannot be used; see <see cref="InputFileException"/> for the message format.</summary>
public sealed class TopologyFileException : InputFileException
{
    public TopologyFileException(string file, int line, int column, string field, string problem, Exception? inner = null)
        : base(file, line, column, field, problem, inner)
    {
    }

    public TopologyFileException()
        : this(string.Empty, 0, 0, string.Empty, "invalid topology file")
    {
    }

    public TopologyFileException(string message)
        : this(string.Empty, 0, 0, string.Empty, message)
    {
    }

    public TopologyFileException(string message, Exception innerException)
        : this(string.Empty, 0, 0, string.Empty, message, innerException)
    {
    }
}
