using System.Collections.Immutable;
using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;

namespace MountSim.Kernel.Execution;

/// <summary>
/// A container start as a kernel thread runs it: the strategy's passes, each syscall replaced by
/// its recipe from the kernel profile, repeats unrolled for the image's layers, lock sections
/// turned into lock and unlock operations. Compiled once per (strategy, layers) and shared by
/// every thread that runs it.
/// </summary>
public sealed class ThreadProgram
{
    private ThreadProgram(ImmutableArray<Op> ops, ImmutableArray<string> syscalls, ImmutableArray<string> phases)
    {
        Ops = ops;
        Syscalls = syscalls;
        Phases = phases;
    }

    public ImmutableArray<Op> Ops { get; }

    /// <summary>The syscall names that <see cref="OpKind.SyscallBegin"/> operations index.</summary>
    public ImmutableArray<string> Syscalls { get; }

    /// <summary>The runtime phase names that <see cref="OpKind.PhaseBegin"/> operations index.</summary>
    public ImmutableArray<string> Phases { get; }

    /// <summary>Every syscall the program makes, in order.</summary>
    public IEnumerable<string> Calls => Ops.Where(op => op.Kind == OpKind.SyscallBegin).Select(op => Syscalls[op.Value]);

    /// <summary>The program of one container start with <paramref name="layers"/> layers on a host with <paramref name="nrPossibleCpus"/> possible CPUs, the kernel's mount work alone.</summary>
    public static ThreadProgram ForContainerStart(MountStrategy strategy, KernelProfile profile, int layers, int nrPossibleCpus) =>
        ForContainerStart(strategy, RuntimeProfile.None, profile, layers, nrPossibleCpus);

    /// <summary>
    /// The program of one container start as <paramref name="runtime"/> makes it: the strategy's passes the
    /// runtime does not place, then the runtime's phases, each step in order, its passes where it places them
    /// (a pass the strategy does not have, such as a spec pass of a one-pass strategy, is not made).
    /// </summary>
    public static ThreadProgram ForContainerStart(MountStrategy strategy, RuntimeProfile runtime, KernelProfile profile, int layers, int nrPossibleCpus)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(runtime);
        var builder = new Builder(profile, new RepeatBindings(layers, TableReads: 1), nrPossibleCpus);
        void AddPass(StrategyPass pass)
        {
            builder.AddInvocations(pass.Syscalls, teardown: false);
            builder.AddInvocations(pass.Teardown, teardown: true);
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
                            builder.AddInvocations([new SyscallInvocation(call.Recipe)], teardown: false);
                            break;
                        case MountTableRead read:
                            // The kernel formats the table, then the runtime parses every line it got.
                            builder.AddInvocations([new SyscallInvocation(MountTableRead.Recipe)], teardown: false);
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

    /// <summary>The program of one call of <paramref name="syscall"/> (a watcher's mountinfo read), with no layers.</summary>
    public static ThreadProgram ForSyscall(string syscall, KernelProfile profile, int nrPossibleCpus)
    {
        var builder = new Builder(profile, new RepeatBindings(Layers: 0, TableReads: 1), nrPossibleCpus);
        builder.AddInvocations([new SyscallInvocation(syscall)], teardown: false);
        return builder.Build();
    }

    /// <summary>
    /// A health probe (kubelet's exec or HTTP check, systemd's watchdog): <paramref name="pathWalks"/>
    /// lookups, then a whole mountinfo read when <paramref name="readsMountinfo"/>.
    /// </summary>
    public static ThreadProgram ForHealthProbe(KernelProfile profile, int pathWalks, bool readsMountinfo, int nrPossibleCpus)
    {
        var builder = new Builder(profile, new RepeatBindings(Layers: 0, TableReads: 1), nrPossibleCpus);
        builder.AddSteps(Enumerable.Repeat<RecipeStep>(new PathWalkStep(), pathWalks));
        if (readsMountinfo)
        {
            builder.AddInvocations([new SyscallInvocation("mountinfo_read")], teardown: false);
        }

        return builder.Build();
    }

    private sealed class Builder(KernelProfile profile, RepeatBindings bindings, int nrPossibleCpus)
    {
        private readonly ImmutableArray<Op>.Builder _ops = ImmutableArray.CreateBuilder<Op>();
        private readonly List<string> _syscalls = [];
        private readonly List<string> _phases = [];
        private bool _teardown;
        private bool _inRunTimeLoop;

        public void AddInvocations(IEnumerable<Invocation> invocations, bool teardown)
        {
            foreach (var invocation in invocations)
            {
                switch (invocation)
                {
                    case SyscallInvocation call:
                        AddSyscall(call.Syscall, teardown);
                        break;
                    case RepeatInvocation repeat:
                        for (var i = repeat.Count.Resolve(bindings); i > 0; i--)
                        {
                            AddInvocations(repeat.Items, teardown);
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"Unknown invocation {invocation}.");
                }
            }
        }

        public ThreadProgram Build() => new(_ops.ToImmutable(), [.. _syscalls], [.. _phases]);

        public void BeginPhase(string name)
        {
            _ops.Add(new Op(OpKind.PhaseBegin, Value: _phases.Count));
            _phases.Add(name);
        }

        /// <summary>The runtime's own work, outside any syscall: <paramref name="ns"/>, or that per round of <paramref name="perRound"/> (a line of the table).</summary>
        public void AddUserspace(double ns, RepeatVariable perRound = RepeatVariable.Fixed) =>
            _ops.Add(new Op(OpKind.UserspaceCpu, ns, Variable: perRound));

        private void AddSyscall(string name, bool teardown)
        {
            _teardown = teardown;
            var index = _syscalls.IndexOf(name);
            if (index < 0)
            {
                index = _syscalls.Count;
                _syscalls.Add(name);
            }

            _ops.Add(new Op(OpKind.SyscallBegin, Value: index));
            AddSteps(profile.Recipe(name).Steps);
        }

        public void AddSteps(IEnumerable<RecipeStep> steps)
        {
            var p = profile.Parameters;
            foreach (var step in steps)
            {
                switch (step)
                {
                    case CpuStep cpu:
                        _ops.Add(new Op(OpKind.Cpu, cpu.Ns));
                        break;
                    case PathWalkStep:
                        _ops.Add(new Op(OpKind.PathWalk, p.PathWalkNs));
                        break;
                    case PathInitStep:
                        _ops.Add(new Op(OpKind.PathWalk));
                        break;
                    case PercpuSumStep:
                        _ops.Add(new Op(OpKind.PercpuSum, nrPossibleCpus * p.PercpuSumPerCpuNs));
                        break;
                    case MntIdAllocStep:
                        _ops.Add(new Op(OpKind.MntIdAlloc, p.MntIdAllocNs + (nrPossibleCpus * p.PercpuSumPerCpuNs)));
                        break;
                    case MountinfoEventStep:
                        _ops.Add(new Op(OpKind.MountinfoEvent, p.MountinfoEventNs));
                        break;
                    case RcuGpExpeditedStep:
                        _ops.Add(new Op(OpKind.RcuGracePeriod));
                        break;
                    case SlaveNamespaceStep slave:
                        _ops.Add(new Op(OpKind.SlaveNamespace, Value: slave.Delta));
                        break;
                    case MountTableStep table:
                        var lineBytes = p.MountinfoLineBytes + (table.Lowerdirs.Resolve(bindings) * p.MountinfoLowerdirBytes);
                        _ops.Add(new Op(_teardown ? OpKind.TeardownMountTable : OpKind.MountTable, table.Delta * lineBytes, table.Delta));
                        break;
                    case NamespaceWriteStep section:
                        Section(OpKind.NamespaceWriteLock, section.Steps, OpKind.NamespaceWriteUnlock);
                        break;
                    case NamespaceReadStep section:
                        Section(OpKind.NamespaceReadLock, section.Steps, OpKind.NamespaceReadUnlock);
                        break;
                    case MountLockWriteStep section:
                        Section(OpKind.MountLockWrite, section.Steps, OpKind.MountLockUnlock);
                        break;
                    case MountLockExclusiveStep section:
                        Section(OpKind.MountLockExclusive, section.Steps, OpKind.MountLockUnlock);
                        break;
                    case MountinfoLinesStep:
                        _ops.Add(new Op(OpKind.MountinfoLines));
                        var retries = _ops.Count;
                        _ops.Add(new Op(OpKind.LineRetryBegin));
                        _ops.Add(new Op(OpKind.MountLockExclusive));
                        _ops.Add(new Op(OpKind.LineRetry));
                        _ops.Add(new Op(OpKind.MountLockUnlock));
                        _ops.Add(new Op(OpKind.LineRetryEnd, Value: retries + 1));
                        _ops[retries] = new Op(OpKind.LineRetryBegin, Value: _ops.Count);
                        break;
                    case RepeatStep { Count.ReadAtRunTime: true } repeat when repeat.Steps.All(inner => inner is CpuStep):
                        // Plain work per round (a walk over the mount tree): one operation, however many rounds.
                        _ops.Add(new Op(OpKind.CpuPerRound, repeat.Steps.Sum(inner => ((CpuStep)inner).Ns), Variable: repeat.Count.Variable));
                        break;
                    case RepeatStep { Count.ReadAtRunTime: true } repeat:
                        RunTimeLoop(repeat.Count.Variable, repeat.Steps);
                        break;
                    case RepeatStep repeat:
                        for (var i = repeat.Count.Resolve(bindings); i > 0; i--)
                        {
                            AddSteps(repeat.Steps);
                        }

                        break;
                    default:
                        throw new NotSupportedException($"Recipe step '{step.Keyword}' has no operation.");
                }
            }
        }

        /// <summary>A loop whose count the running thread reads from the kernel's state; such loops do not nest.</summary>
        private void RunTimeLoop(RepeatVariable variable, IEnumerable<RecipeStep> inner)
        {
            if (_inRunTimeLoop)
            {
                throw new NotSupportedException($"A '{RepeatCount.VariableNames[(int)variable - 1]}' repeat inside another run-time repeat cannot run.");
            }

            _inRunTimeLoop = true;
            var begin = _ops.Count;
            _ops.Add(new Op(OpKind.RepeatBegin, Variable: variable));
            AddSteps(inner);
            _ops.Add(new Op(OpKind.RepeatEnd, Value: begin + 1));
            _ops[begin] = new Op(OpKind.RepeatBegin, Value: _ops.Count, Variable: variable);
            _inRunTimeLoop = false;
        }

        private void Section(OpKind enter, IEnumerable<RecipeStep> inner, OpKind leave)
        {
            _ops.Add(new Op(enter));
            AddSteps(inner);
            _ops.Add(new Op(leave));
        }
    }
}
