namespace MountSim.Benchmarking.Canonical;

/// <summary>The closed set of things an actor's script can say.</summary>
public enum StepKind
{
    /// <summary>Let simulated time pass: a duration drawn from a distribution.</summary>
    Delay,

    /// <summary>Request a resource; wait in its line when it is not free.</summary>
    Acquire,

    /// <summary>Give a held resource back.</summary>
    Release,

    /// <summary>Continue at another step (loops).</summary>
    Jump,

    /// <summary>Run an instantaneous action (counting, stopping, model hooks).</summary>
    Invoke,
}
