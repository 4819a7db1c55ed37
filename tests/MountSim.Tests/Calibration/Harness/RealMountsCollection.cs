namespace MountSim.Tests.Calibration.Harness;

/// <summary>The real-mount tests run one at a time: they compare the host's mount table before and after, and share two CPUs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealMountsCollection
{
    public const string Name = "real mounts";
}
