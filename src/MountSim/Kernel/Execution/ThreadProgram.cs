using System.Collections.Immutable;
using MountSim.Kernel.Loops;
using MountSim.Kernel.Profiles;

namespace MountSim.Kernel.Execution;

/// <summary>
/// What a kernel thread runs: syscalls, each replaced by its recipe from the kernel profile, repeats
/// unrolled for the image's layers, lock sections turned into lock and unlock operations, and the
/// caller's userspace work between them. Built by <see cref="ThreadProgramBuilder"/> (a container
/// start's by the workload, from its strategy and runtime), once per (start shape, layers), and shared
/// by every thread that runs it.
/// </summary>
public sealed class ThreadProgram
{
    private readonly ImmutableDictionary<int, MountLoopBody> _loops;

    internal ThreadProgram(ImmutableArray<Op> ops, ImmutableArray<string> syscalls, ImmutableArray<string> phases, ImmutableDictionary<int, MountLoopBody> loops)
    {
        Ops = ops;
        Syscalls = syscalls;
        Phases = phases;
        _loops = loops;
    }

    public ImmutableArray<Op> Ops { get; }

    /// <summary>The syscall names that <see cref="OpKind.SyscallBegin"/> operations index.</summary>
    public ImmutableArray<string> Syscalls { get; }

    /// <summary>The runtime phase names that <see cref="OpKind.PhaseBegin"/> operations index.</summary>
    public ImmutableArray<string> Phases { get; }

    /// <summary>The round of the <see cref="OpKind.MountLoop"/> operation at <paramref name="opIndex"/>.</summary>
    public MountLoopBody LoopAt(int opIndex) => _loops[opIndex];

    /// <summary>Every syscall the program makes, in order.</summary>
    public IEnumerable<string> Calls => Ops.Where(op => op.Kind == OpKind.SyscallBegin).Select(op => Syscalls[op.Value]);

    /// <summary>The program of one call of <paramref name="syscall"/> (a watcher's mountinfo read), with no layers.</summary>
    public static ThreadProgram ForSyscall(string syscall, KernelProfile profile, int nrPossibleCpus)
    {
        var builder = new ThreadProgramBuilder(profile, layers: 0, nrPossibleCpus);
        builder.AddSyscall(syscall);
        return builder.Build();
    }
}
