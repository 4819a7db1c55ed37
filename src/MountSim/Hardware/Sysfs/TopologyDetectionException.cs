namespace MountSim.Hardware.Sysfs;

/// <summary>The sysfs tree does not describe a usable set of CPUs.</summary>
public sealed class TopologyDetectionException : Exception
{
    public TopologyDetectionException()
    {
    }

    public TopologyDetectionException(string message)
        : base(message)
    {
    }

    public TopologyDetectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
