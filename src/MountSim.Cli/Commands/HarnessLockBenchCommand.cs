using System.CommandLine;
using System.Globalization;
using System.Text;
using MountSim.Calibration.Harness;
using MountSim.Hardware;
using MountSim.Hardware.Sysfs;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim harness lockbench</c>: one contended spinlock on this host at increasing thread counts.</summary>
internal static class HarnessLockBenchCommand
{
    public static Command Build()
    {
        var threads = new Option<string?>("--threads") { Description = "Thread counts to run, comma-separated, e.g. 1,2,4 (default powers of two up to this host's CPUs, and the CPU count)." };
        var duration = new Option<string>("--duration")
        {
            Description = "How long each thread count runs, with a unit: 500ms, 1s.",
            DefaultValueFactory = _ => "1s",
        };
        var placement = new Option<string>("--placement")
        {
            Description = $"Where threads are pinned: {string.Join(", ", PlacementPolicy.Names)}.",
            DefaultValueFactory = _ => "spread",
        };
        var outFile = new Option<FileInfo?>("--out") { Description = "Also write a tidy CSV (threads, ns_per_critical_section, acquisitions_per_second) to this file." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var command = new Command(
            "lockbench",
            "Global-lock microbenchmark after Netflix's global-lock-bench: at each thread count, pinned threads take one contended " +
            "test-and-test-and-set spinlock (alone on its cache line; the wait loop reads the line and pauses with SpinWait) around " +
            "a one-increment critical section. Reports the mean time per critical section (duration / acquisitions) and acquisitions/s. Needs no root.")
        {
            threads, duration, placement, outFile, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var target = CliOptions.Claim(parse.GetValue(outFile), parse.GetValue(force));

            Topology topology;
            PlacementPolicy policy;
            List<int> counts;
            TimeSpan runFor;
            try
            {
                topology = new SysfsTopologyDetector().Detect().Topology;
                policy = PlacementPolicy.Parse(parse.GetValue(placement)!);
                counts = parse.GetValue(threads) is { } list ? ThreadCounts(list) : DefaultThreadCounts(topology.Threads.Count);
                runFor = HarnessCommand.Duration(parse.GetValue(duration)!);
                if (counts.Max() > policy.Order(topology).Count)
                {
                    // Spinning waiters sharing a CPU measure the scheduler's time slice, not the lock's cache line.
                    throw new FormatException($"--threads {counts.Max()} is more than the {policy.Order(topology).Count} CPUs placement {policy.Name} uses; one thread per CPU.");
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException or TopologyDetectionException)
            {
                error.WriteLine($"mountsim: {e.Message}");
                return ExitCodes.BadInput;
            }

            void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
            var results = new List<LockBenchResult>();
            Line($"{"threads",7} {"ns/critical section",20} {"acquisitions/s",15}  ({policy.Name}, {parse.GetValue(duration)} each)");
            try
            {
                foreach (var count in counts)
                {
                    var r = GlobalLockBench.Run(topology, policy, count, runFor);
                    results.Add(r);
                    Line($"{r.Threads,7} {r.NsPerCriticalSection,20:F1} {r.AcquisitionsPerSecond,15:F0}");
                }
            }
            catch (HarnessException e)
            {
                error.WriteLine($"mountsim: lockbench failed: {e.Message}");
                return ExitCodes.RunFailed;
            }

            if (target is null)
            {
                return ExitCodes.Success;
            }

            var csv = new StringBuilder("threads,ns_per_critical_section,acquisitions_per_second\n");
            foreach (var r in results)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{r.Threads},{r.NsPerCriticalSection:R},{r.AcquisitionsPerSecond:R}\n");
            }

            target.Write(csv.ToString());
            output.WriteLine($"Wrote {target.Path}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<int> ThreadCounts(string list)
    {
        var counts = new List<int>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new FormatException($"--threads expects whole numbers of at least 1, comma-separated; got '{item}'.");
            }

            counts.Add(count);
        }

        return counts.Count > 0 ? [.. counts.Distinct()] : throw new FormatException("--threads names no thread count.");
    }

    // Powers of two, then every CPU: the curve's shape at a glance, ending where the host does.

    private static List<int> DefaultThreadCounts(int cpus) =>
        [.. Enumerable.Range(0, 31).Select(i => 1 << i).TakeWhile(n => n < cpus).Append(cpus)];
}
