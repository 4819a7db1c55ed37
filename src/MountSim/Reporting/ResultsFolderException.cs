namespace MountSim.Reporting;

/// <summary>A results folder that may not be written: finished, or holding another experiment's runs.</summary>
public sealed class ResultsFolderException : Exception
{
    public ResultsFolderException()
    {
    }

    public ResultsFolderException(string message)
        : base(message)
    {
    }

    public ResultsFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
