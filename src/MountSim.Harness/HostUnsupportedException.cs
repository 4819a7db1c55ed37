namespace MountSim.Calibration.Harness;

/// <summary>The host cannot do what the harness measures (e.g. this kernel cannot idmap the layers' filesystem): nothing was measured.</summary>
public sealed class HostUnsupportedException : HarnessException
{
    public HostUnsupportedException()
    {
    }

    public HostUnsupportedException(string message)
        : base(message)
    {
    }

    public HostUnsupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
