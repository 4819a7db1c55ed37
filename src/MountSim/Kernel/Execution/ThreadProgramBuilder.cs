using System.Collections.Immutable;
using MountSim.Kernel.Loops;
using MountSim.Kernel.Profiles;

namespace MountSim.Kernel.Execution;

/// <summary>
/// Builds a <see cref="ThreadProgram"/> call by call: each syscall becomes its recipe's operations (lock
/// sections, per-mount loops read at run time, line retries), with the caller's userspace work and phase
/// marks between calls. The kernel knows syscalls and recipes; what a container start or a probe calls, and
/// in which order, is the workload's to say.
/// </summary>
public sealed class ThreadProgramBuilder
{
    private readonly KernelProfile _profile;
    private readonly int _nrPossibleCpus;
    private readonly ImmutableArray<Op>.Builder _ops = ImmutableArray.CreateBuilder<Op>();
    private readonly List<string> _syscalls = [];
    private readonly List<string> _phases = [];
    private readonly ImmutableDictionary<int, MountLoopBody>.Builder _loops = ImmutableDictionary.CreateBuilder<int, MountLoopBody>();
    private bool _teardown;
    private bool _inRunTimeLoop;

    /// <summary>A program for a start of <paramref name="layers"/> layers on a host with <paramref name="nrPossibleCpus"/> possible CPUs.</summary>
    public ThreadProgramBuilder(KernelProfile profile, int layers, int nrPossibleCpus)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        Bindings = new RepeatBindings(layers, TableReads: 1);
        _nrPossibleCpus = nrPossibleCpus;
    }

    /// <summary>The repeat variables' values this program is built for (its layers); a caller resolves its own repeats with them.</summary>
    public RepeatBindings Bindings { get; }

    /// <summary>The program as built so far.</summary>
    public ThreadProgram Build() => new(_ops.ToImmutable(), [.. _syscalls], [.. _phases], _loops.ToImmutable());

    /// <summary>Starts a named phase (a runtime's runc_create, ...): the operations from here to the next phase count towards it.</summary>
    public void BeginPhase(string name)
    {
        _ops.Add(new Op(OpKind.PhaseBegin, Value: _phases.Count));
        _phases.Add(name);
    }

    /// <summary>The caller's own work, outside any syscall: <paramref name="ns"/>, or that per round of <paramref name="perRound"/> (a line of the table).</summary>
    public void AddUserspace(double ns, RepeatVariable perRound = RepeatVariable.Fixed) =>
        _ops.Add(new Op(OpKind.UserspaceCpu, ns, Variable: perRound));

    /// <summary>
    /// One call of <paramref name="name"/>: its recipe's steps. A <paramref name="teardown"/> call's mount-table
    /// changes count apart (a root filesystem torn down, not built).
    /// </summary>
    public void AddSyscall(string name, bool teardown = false)
    {
        _teardown = teardown;
        var index = _syscalls.IndexOf(name);
        if (index < 0)
        {
            index = _syscalls.Count;
            _syscalls.Add(name);
        }

        _ops.Add(new Op(OpKind.SyscallBegin, Value: index));
        AddSteps(_profile.Recipe(name).Steps);
    }

    /// <summary>A path lookup outside any syscall's recipe (a health probe's stat()).</summary>
    public void AddPathWalk() => AddSteps([new PathWalkStep()]);

    private void AddSteps(IEnumerable<RecipeStep> steps)
    {
        var p = _profile.Parameters;
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
                    _ops.Add(new Op(OpKind.PercpuSum, _nrPossibleCpus * p.PercpuSumPerCpuNs));
                    break;
                case MntIdAllocStep:
                    _ops.Add(new Op(OpKind.MntIdAlloc, p.MntIdAllocNs + (_nrPossibleCpus * p.PercpuSumPerCpuNs)));
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
                    var lineBytes = p.MountinfoLineBytes + (table.Lowerdirs.Resolve(Bindings) * p.MountinfoLowerdirBytes);
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
                    for (var i = repeat.Count.Resolve(Bindings); i > 0; i--)
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
        var body = MountLoopBody.Of(inner, _profile.Parameters, _nrPossibleCpus);
        var kind = body is null ? OpKind.RepeatBegin : OpKind.MountLoop;
        if (body is not null)
        {
            _loops[begin] = body;
        }

        _ops.Add(new Op(kind, Variable: variable));
        AddSteps(inner);
        _ops.Add(new Op(OpKind.RepeatEnd, Value: begin + 1));
        _ops[begin] = new Op(kind, Value: _ops.Count, Variable: variable);
        _inRunTimeLoop = false;
    }

    private void Section(OpKind enter, IEnumerable<RecipeStep> inner, OpKind leave)
    {
        _ops.Add(new Op(enter));
        AddSteps(inner);
        _ops.Add(new Op(leave));
    }
}
