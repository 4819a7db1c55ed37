using System.Globalization;
using MountSim.Kernel.Profiles;
using MountSim.Text;

namespace MountSim.Workload.Strategies.Export;

/// <summary>The human view of a strategy: its passes as syscall trees, then what one container start does with L layers.</summary>
public static class MountStrategyTextWriter
{
    /// <summary>Mount-table operations per start as <c>a + bL</c> (the counts are linear in L).</summary>
    public static string MountTableFormula(MountStrategy strategy, KernelProfile profile)
    {
        var a = StrategyAccounting.For(strategy, profile, 0).MountTableOps;
        var b = StrategyAccounting.For(strategy, profile, 1).MountTableOps - a;
        return b == 0 ? a.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{a} + {b}L");
    }

    /// <param name="mounts">The host's table when the start runs: runc's namespace pass copies and releases every mount of it.</param>
    public static void Write(MountStrategy strategy, KernelProfile profile, int layers, int mounts, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(output);
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"{strategy.Name}: {strategy.Description}");
        Line($"  containerd: {string.Join(", ", strategy.ContainerdVersions)}");
        foreach (var (pass, i) in strategy.Passes.Select((p, i) => (p, i + 1)))
        {
            output.WriteLine();
            Line($"pass {i} {pass.Name}: {pass.Description}");
            WriteItems(pass.Syscalls, "  ", output);
            if (!pass.Teardown.IsEmpty)
            {
                Line($"  teardown:");
                WriteItems(pass.Teardown, "    ", output);
            }
        }

        var accounting = StrategyAccounting.For(strategy, profile, layers, mounts);
        output.WriteLine();
        Line($"per container start, L = {layers} layers, a host table of {mounts} mounts, kernel profile {profile.Name}");
        var names = accounting.Passes.Select(p => p.Pass).ToList();
        var width = Math.Max(16, accounting.Syscalls.Max(s => s.Syscall.Length) + 2);
        Line($"  {"syscalls".PadRight(width)}{string.Concat(names.Select(n => $"{n,10}"))}{"teardown",10}{"total",10}");
        foreach (var call in accounting.Syscalls)
        {
            var perPass = accounting.Passes.Select(p => p.Syscalls.FirstOrDefault(s => s.Syscall == call.Syscall)?.Count ?? 0);
            var teardown = accounting.Passes.Sum(p => p.TeardownSyscalls.FirstOrDefault(s => s.Syscall == call.Syscall)?.Count ?? 0);
            Line($"  {call.Syscall.PadRight(width)}{string.Concat(perPass.Select(c => $"{c,10}"))}{teardown,10}{call.Count,10}");
        }

        Line($"  {"all".PadRight(width)}{string.Concat(accounting.Passes.Select(p => $"{p.Syscalls.Sum(s => s.Count),10}"))}{accounting.Passes.Sum(p => p.TeardownSyscalls.Sum(s => s.Count)),10}{accounting.SyscallTotal,10}");
        output.WriteLine();
        Line($"  mount-table ops: {accounting.MountTableOps} = {MountTableFormula(strategy, profile)} (mounts and umounts while the passes build, the incident article's count)");
        Line($"                   + {accounting.TeardownMountTableOps} in teardown (the spec pass's temporary overlay umount, which the article leaves out)");
        output.WriteLine();
        Line($"  {"locks".PadRight(width)}{string.Concat(names.Select(n => $"{n,10}"))}{"teardown",10}{"total",10}");
        void Row(string label, Func<RecipeCounts, long> get) =>
            Line($"  {label.PadRight(width)}{string.Concat(accounting.Passes.Select(p => $"{get(p.Locks),10}"))}{accounting.Passes.Sum(p => get(p.TeardownLocks)),10}{get(accounting.Locks),10}");
        Row("W(ns)", c => c.NsWrite);
        Row("R(ns)", c => c.NsRead);
        Row("WL", c => c.MountLockWrite);
        Row("XL", c => c.MountLockExclusive);
        Row("EXP-GP", c => c.RcuGpExpedited);
        Row("percpu sums", c => c.PercpuSums);
        Row("mnt id allocs", c => c.MntIdAllocs);
        Row("mountinfo events", c => c.MountinfoEvents);
        Row("path walks", c => c.PathWalks);
        var cpus = Kernel.Profiles.Export.KernelProfileTextWriter.FittedPossibleCpus;
        var uncontendedNs = accounting.Syscalls.Sum(s => s.Count * profile.UncontendedNs(s.Syscall, layers, cpus, mounts));
        output.WriteLine();
        Line($"  uncontended syscall time per start ({cpus} possible CPUs, as the profile was fitted): {Durations.Format(uncontendedNs)}");
    }

    private static void WriteItems(IEnumerable<Invocation> items, string indent, TextWriter output)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case RepeatInvocation repeat:
                    output.WriteLine($"{indent}repeat x {repeat.Count}:");
                    WriteItems(repeat.Items, indent + "  ", output);
                    break;
                case SyscallInvocation call:
                    output.WriteLine($"{indent}{call.Syscall}");
                    break;
            }
        }
    }
}
