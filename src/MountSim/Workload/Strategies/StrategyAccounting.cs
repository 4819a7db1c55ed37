using MountSim.Kernel.Profiles;

namespace MountSim.Workload.Strategies;

/// <summary>Counting without simulating: the syscalls and lock sections one container start makes.</summary>
public static class StrategyAccounting
{
    /// <param name="strategy">The strategy.</param>
    /// <param name="profile">The recipes that say what each syscall locks.</param>
    /// <param name="layers">The image's layer count.</param>
    /// <param name="mounts">The host table size seen by mountinfo reads, for their read() count.</param>
    public static ContainerAccounting For(MountStrategy strategy, KernelProfile profile, int layers, int mounts = 0)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(profile);
        var bindings = RepeatBindings.For(layers, mounts, profile.Parameters.MountinfoLinesPerRead);
        var passes = strategy.Passes.Select(pass =>
        {
            var build = Calls(pass.Syscalls, bindings);
            var teardown = Calls(pass.Teardown, bindings);
            return new PassAccounting(pass.Name, build, Locks(build, profile, bindings), teardown, Locks(teardown, profile, bindings));
        }).ToList();
        var all = Merge(passes.SelectMany(p => p.Syscalls.Concat(p.TeardownSyscalls)));
        return new ContainerAccounting(layers, passes, all, Locks(all, profile, bindings));
    }

    /// <summary>Syscall counts of a list of invocations, in order of first call.</summary>
    public static IReadOnlyList<SyscallCount> Calls(IEnumerable<Invocation> items, RepeatBindings bindings)
    {
        ArgumentNullException.ThrowIfNull(items);
        IEnumerable<SyscallCount> Expand(IEnumerable<Invocation> list, long times) => list.SelectMany(item => item switch
        {
            RepeatInvocation repeat => Expand(repeat.Items, times * repeat.Count.Resolve(bindings)),
            SyscallInvocation call => [new SyscallCount(call.Syscall, times)],
            _ => [],
        });
        return Merge(Expand(items, 1));
    }

    private static List<SyscallCount> Merge(IEnumerable<SyscallCount> counts) =>
        [.. counts.GroupBy(c => c.Syscall, StringComparer.Ordinal).Select(g => new SyscallCount(g.Key, g.Sum(c => c.Count))).Where(c => c.Count > 0)];

    private static RecipeCounts Locks(IEnumerable<SyscallCount> calls, KernelProfile profile, RepeatBindings bindings) =>
        calls.Aggregate(RecipeCounts.Zero, (total, call) => total + call.Count * profile.Recipe(call.Syscall).Count(bindings));
}
