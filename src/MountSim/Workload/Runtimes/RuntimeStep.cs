namespace MountSim.Workload.Runtimes;

/// <summary>One step of a runtime phase, done <see cref="Times"/> times in a row.</summary>
public abstract record RuntimeStep(int Times);

/// <summary>Userspace work on the start's CPU: process start, configuration, waiting on nothing but the CPU.</summary>
public sealed record UserspaceWork(double Ns, int Times) : RuntimeStep(Times);

/// <summary>A syscall, as the kernel profile's recipe.</summary>
public sealed record RuntimeSyscall(string Recipe, int Times) : RuntimeStep(Times);

/// <summary>
/// A read of the whole mount table (<c>/proc/self/mountinfo</c>): the kernel's <c>mountinfo_read</c>
/// recipe, then userspace parsing of every line it gave, <see cref="ParseNsPerLine"/> each.
/// </summary>
public sealed record MountTableRead(double ParseNsPerLine, int Times) : RuntimeStep(Times)
{
    /// <summary>The kernel recipe that reads the table.</summary>
    public const string Recipe = "mountinfo_read";
}

/// <summary>The strategy's passes of these names, here, in the strategy's order.</summary>
public sealed record StrategyPasses(IReadOnlyList<string> Names) : RuntimeStep(1);
