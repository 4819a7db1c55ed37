namespace MountSim.Kernel.Loops;

/// <summary>How the kernel runs a loop over every mount of the table whose rounds are all short steps.</summary>
public enum MountLoopMode
{
    /// <summary>
    /// A few rounds one by one, to see what contention costs a round, then the rest in closed form, a few
    /// events per loop (<see cref="MountLoops"/>): for bursts of any size.
    /// </summary>
    ClosedForm,

    /// <summary>Every round one by one, three or four events each: for checking the closed form.</summary>
    PerMount,
}
