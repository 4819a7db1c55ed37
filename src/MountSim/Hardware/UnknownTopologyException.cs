namespace MountSim.Hardware;

/// <summary>A topology name that is neither a shipped topology nor an existing file.</summary>
public sealed class UnknownTopologyException : Exception
{
    public UnknownTopologyException()
    {
    }

    public UnknownTopologyException(string message)
        : base(message)
    {
    }

    public UnknownTopologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
