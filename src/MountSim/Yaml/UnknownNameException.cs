namespace MountSim.Yaml;

/// <summary>A name that is neither a shipped input (profile, strategy) nor an existing file.</summary>
public sealed class UnknownNameException : Exception
{
    public UnknownNameException()
    {
    }

    public UnknownNameException(string message)
        : base(message)
    {
    }

    public UnknownNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
