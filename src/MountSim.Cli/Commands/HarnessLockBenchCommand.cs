using System.CommandLine;
using System.Globalization;
using MountSim.Calibration.Harness;
using MountSim.Hardware;

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
        var output = new OutputOptions("Also write a tidy CSV (threads, ns_per_critical_section, acquisitions_per_second) to this file.");
        var command = new Command(
            "lockbench",
            "Global-lock microbenchmark after Netflix's global-lock-bench: at each thread count, pinned threads take one contended " +
            "test-and-test-and-set spinlock (alone on its cache line; the wait loop reads the line and pauses with SpinWait) around " +
            "a one-increment critical section. Reports the mean time per critical section (duration / acquisitions) and acquisitions/s. Needs no root.")
        {
            threads, duration, placement,
        };
        output.AddTo(command);
        command.SetAction(parse =>
        {
            using var target = output.Claim(parse);
            var topology = HarnessCommand.HostTopology();
            var (policy, counts, runFor) = CommandInput.Load(() =>
            {
                var pinning = PlacementPolicy.Parse(parse.GetValue(placement)!);
                var threadCounts = parse.GetValue(threads) is { } list ? ThreadCounts(list) : DefaultThreadCounts(topology.Threads.Count);
                var each = HarnessCommand.Duration(parse.GetValue(duration)!);
                if (threadCounts.Max() > pinning.Order(topology).Count)
                {
                    // Spinning waiters sharing a CPU measure the scheduler's time slice, not the lock's cache line.
                    throw new FormatException($"--threads {threadCounts.Max()} is more than the {pinning.Order(topology).Count} CPUs placement {pinning.Name} uses; one thread per CPU.");
                }

                return (pinning, threadCounts, each);
            });

            var console = parse.InvocationConfiguration.Output;
            var results = new List<LockBenchResult>();
            console.WriteLine(LockBenchWriter.TableHeader(policy.Name, parse.GetValue(duration)!));
            foreach (var count in counts)
            {
                var r = HarnessCommand.Measure("lockbench", () => GlobalLockBench.Run(topology, policy, count, runFor));
                results.Add(r);
                console.WriteLine(LockBenchWriter.TableRow(r));
            }

            if (target is null)
            {
                return ExitCodes.Success;
            }

            target.Write(LockBenchWriter.ToCsv(results));
            console.WriteLine($"Wrote {target.Path}.");
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
