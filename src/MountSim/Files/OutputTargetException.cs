namespace MountSim.Files;

/// <summary>A place MountSim was asked to write that it may not or cannot write; said before any work starts.</summary>
public sealed class OutputTargetException : Exception
{
    public OutputTargetException()
    {
    }

    public OutputTargetException(string message)
        : base(message)
    {
    }

    public OutputTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
