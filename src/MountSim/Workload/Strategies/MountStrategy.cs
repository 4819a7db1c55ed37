using System.Collections.Immutable;

namespace MountSim.Workload.Strategies;

/// <summary>How a container runtime mounts an image's layers, as data: the syscalls of each pass of a container start.</summary>
public sealed record MountStrategy(string Name, string Description, ImmutableArray<string> ContainerdVersions, ImmutableArray<StrategyPass> Passes)
{
    /// <summary>
    /// Every syscall one start makes, in order, repeats unrolled: each pass's syscalls, then its teardown.
    /// A runtime thread can step through it with a program counter; share it between starts of the same L.
    /// </summary>
    public ImmutableArray<string> CallSequence(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        var calls = ImmutableArray.CreateBuilder<string>();
        void Unroll(IEnumerable<Invocation> items)
        {
            foreach (var item in items)
            {
                if (item is RepeatInvocation repeat)
                {
                    for (var i = repeat.Count.Resolve(new(layers, 1)); i > 0; i--)
                    {
                        Unroll(repeat.Items);
                    }
                }
                else if (item is SyscallInvocation call)
                {
                    calls.Add(call.Syscall);
                }
            }
        }

        foreach (var pass in Passes)
        {
            Unroll(pass.Syscalls);
            Unroll(pass.Teardown);
        }

        return calls.ToImmutable();
    }
}
