using MountSim.Kernel.Execution;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Workload;

/// <summary>
/// A container start as a kernel thread runs it: the strategy's passes, its repeats unrolled for the image's
/// layers, and the runtime's phases around them, each call handed to the kernel's <see cref="ThreadProgramBuilder"/>.
/// </summary>
public static class ContainerStartProgram
{
    /// <summary>The program of one container start with <paramref name="layers"/> layers on a host with <paramref name="nrPossibleCpus"/> possible CPUs, the kernel's mount work alone.</summary>
    public static ThreadProgram Build(MountStrategy strategy, KernelProfile profile, int layers, int nrPossibleCpus) =>
        Build(strategy, RuntimeProfile.None, profile, layers, nrPossibleCpus);

    /// <summary>
    /// The program of one container start as <paramref name="runtime"/> makes it: the strategy's passes the
    /// runtime does not place, then the runtime's phases, each step in order, its passes where it places them
    /// (a pass the strategy does not have, such as a spec pass of a one-pass strategy, is not made).
    /// </summary>
    public static ThreadProgram Build(MountStrategy strategy, RuntimeProfile runtime, KernelProfile profile, int layers, int nrPossibleCpus)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(runtime);
        var builder = new ThreadProgramBuilder(profile, layers, nrPossibleCpus);
        void AddPass(StrategyPass pass)
        {
            AddInvocations(builder, pass.Syscalls, teardown: false);
            AddInvocations(builder, pass.Teardown, teardown: true);
        }

        var placed = runtime.PlacedPasses.ToHashSet(StringComparer.Ordinal);

        foreach (var pass in strategy.Passes.Where(p => !placed.Contains(p.Name)))
        {
            AddPass(pass);
        }

        foreach (var phase in runtime.Phases)
        {
            builder.BeginPhase(phase.Name);
            foreach (var step in phase.Steps)
            {
                for (var i = 0; i < step.Times; i++)
                {
                    switch (step)
                    {
                        case UserspaceWork work:
                            builder.AddUserspace(work.Ns);
                            break;
                        case RuntimeSyscall call:
                            builder.AddSyscall(call.Recipe);
                            break;
                        case MountTableRead read:
                            // The kernel formats the table, then the runtime parses every line it got.
                            builder.AddSyscall(MountTableRead.Recipe);
                            builder.AddUserspace(read.ParseNsPerLine, RepeatVariable.Mounts);
                            break;
                        case StrategyPasses passes:
                            foreach (var pass in strategy.Passes.Where(p => passes.Names.Contains(p.Name)))
                            {
                                AddPass(pass);
                            }

                            break;
                        default:
                            throw new InvalidOperationException($"Unknown runtime step {step}.");
                    }
                }
            }
        }

        return builder.Build();
    }

    private static void AddInvocations(ThreadProgramBuilder builder, IEnumerable<Invocation> invocations, bool teardown)
    {
        foreach (var invocation in invocations)
        {
            switch (invocation)
            {
                case SyscallInvocation call:
                    builder.AddSyscall(call.Syscall, teardown);
                    break;
                case RepeatInvocation repeat:
                    for (var i = repeat.Count.Resolve(builder.Bindings); i > 0; i--)
                    {
                        AddInvocations(builder, repeat.Items, teardown);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown invocation {invocation}.");
            }
        }
    }
}
