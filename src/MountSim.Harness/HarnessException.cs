namespace MountSim.Calibration.Harness;

/// <summary>A mount call or a step of the harness failed; the message names the call, the path and the errno.</summary>
public class HarnessException : Exception
{
    public HarnessException()
    {
    }

    public HarnessException(string message)
        : base(message)
    {
    }

    public HarnessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
