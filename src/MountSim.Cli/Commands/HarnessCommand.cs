using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using System.Text;
using MountSim.Calibration.Harness;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Sysfs;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim harness run</c>: what containerd does for an idmapped container root, done on the real
/// kernel and timed. The command checks its input and the host, then re-runs itself in a private
/// mount namespace (see <see cref="PrivateMountNamespace"/>); that child does the mounting.
/// <c>harness c2c</c> and <c>harness lockbench</c> measure the hardware under the locks: cache-line
/// transfer latency per distance class, and one contended spinlock at increasing thread counts;
/// <c>harness noise</c> measures the OS and hypervisor noise that preempts a lock's holder.
/// </summary>
public static class HarnessCommand
{
    public static Command Build()
    {
        var harness = new Command("harness", "Real-mount validation harness: measure idmapped container-root setups on this host's kernel, cache-line latencies, a contended lock and OS noise.");
        harness.Subcommands.Add(BuildRun());
        harness.Subcommands.Add(BuildC2c());
        harness.Subcommands.Add(BuildLockbench());
        harness.Subcommands.Add(BuildNoise());
        return harness;
    }

    private static Command BuildC2c()
    {
        var pairs = new Option<string>("--pairs")
        {
            Description = $"CPU pairs to measure: classes (up to {CacheLineLatency.PairsPerClass} per distance class) or all.",
            DefaultValueFactory = _ => "classes",
        };
        pairs.AcceptOnlyFromAmong("classes", "all");
        var samples = CliOptions.PositiveInt("--samples", $"Samples per pair, each {CacheLineLatency.RoundTripsPerSample} round trips, after {CacheLineLatency.WarmupSamples} warm-up samples.", 100);
        var outFile = new Option<FileInfo?>("--out") { Description = "Write this host's detected topology with the measured latencies to this YAML file." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var command = new Command(
            "c2c",
            "Measure one-way cache-line transfer latency per distance class (SMT sibling, same LLC, same socket, other socket: " +
            "whichever this host has): two threads pinned to a pair of CPUs ping-pong a counter on one 64-byte line; " +
            "a round trip moves the line twice, so round trip / 2 is reported, median over the samples.")
        {
            pairs, samples, outFile, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var target = parse.GetValue(outFile);
            if (!CliOptions.MayWrite(target, parse.GetValue(force), error))
            {
                return ExitCodes.BadInput;
            }

            Topology topology;
            IReadOnlyList<ClassLatency> measured;
            try
            {
                topology = new SysfsTopologyDetector().Detect().Topology;
                measured = CacheLineLatency.MeasureClasses(topology, parse.GetValue(pairs) == "all", parse.GetValue(samples));
            }
            catch (Exception e) when (e is TopologyDetectionException or HarnessException)
            {
                error.WriteLine($"mountsim: c2c failed: {e.Message}");
                return ExitCodes.RunFailed;
            }

            void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
            Line($"{"class",-13} {"pairs",5} {"median",8} {"p10",8} {"p90",8}  (ns, one way)");
            foreach (var m in measured)
            {
                Line($"{LatencyTable.KeyOf(m.Distance),-13} {m.Pairs,5} {m.MedianNs,8:F1} {m.P10Ns,8:F1} {m.P90Ns,8:F1}");
            }

            if (measured.Count == 0)
            {
                output.WriteLine("No two CPUs to measure between on this host.");
            }

            if (target is null)
            {
                return ExitCodes.Success;
            }

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var filled = CacheLineLatency.WithMeasured(topology, measured, today);
            var classes = measured.Count == 0 ? "no latency class" : string.Join(", ", measured.Select(m => LatencyTable.KeyOf(m.Distance)));
            var description = string.Create(CultureInfo.InvariantCulture, $"Detected from sysfs by mountsim harness c2c, which measured {classes} on {today:yyyy-MM-dd}; other figures are placeholders to calibrate.");
            var yaml = TopologyYamlWriter.ToYaml(
                new Topology(filled.Spec with { Description = description }),
                "Written by 'mountsim harness c2c': detected topology with measured cache-line latencies.\nCoherence service times and smt_slowdown are still placeholders marked calibrate in sources.");
            try
            {
                File.WriteAllText(target.FullName, yaml);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"mountsim: cannot write {target.FullName}: {e.Message}");
                return ExitCodes.RunFailed;
            }

            output.WriteLine($"Wrote {target.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildLockbench()
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
            var target = parse.GetValue(outFile);
            if (!CliOptions.MayWrite(target, parse.GetValue(force), error))
            {
                return ExitCodes.BadInput;
            }

            Topology topology;
            PlacementPolicy policy;
            List<int> counts;
            TimeSpan runFor;
            try
            {
                topology = new SysfsTopologyDetector().Detect().Topology;
                policy = PlacementPolicy.Parse(parse.GetValue(placement)!);
                counts = parse.GetValue(threads) is { } list ? ThreadCounts(list) : DefaultThreadCounts(topology.Threads.Count);
                runFor = Duration(parse.GetValue(duration)!);
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

            try
            {
                File.WriteAllText(target.FullName, csv.ToString());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"mountsim: cannot write {target.FullName}: {e.Message}");
                return ExitCodes.RunFailed;
            }

            output.WriteLine($"Wrote {target.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildNoise()
    {
        var duration = new Option<string>("--duration")
        {
            Description = "How long each CPU spins, with a unit: 500ms, 1s.",
            DefaultValueFactory = _ => "1s",
        };
        var cpus = new Option<string?>("--cpus") { Description = "CPUs to measure, e.g. 0-3,8 (default every CPU this process may run on)." };
        var threshold = new Option<string>("--threshold")
        {
            Description = $"A gap between two clock reads longer than this is a detour, with a unit of at least {SelfishDetour.MinThresholdNs:F0}ns: 500ns, 1us.",
            DefaultValueFactory = _ => "1us",
        };
        var outFile = new Option<FileInfo?>("--out") { Description = "Also write the measurement to this JSON file (schema mountsim-noise/1)." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var command = new Command(
            "noise",
            "Selfish-detour probe of OS and hypervisor noise (Beckman et al. 2006): one thread pinned to each CPU, all started together, " +
            "reads the clock back to back for the duration; a gap longer than the threshold is a detour (timer tick, interrupt, kernel " +
            "thread, hypervisor exit). Reports per CPU detours per second of running and their p50, p99 and max, and pooled the rate, " +
            "the mean detour and the share of time lost. Needs no root.")
        {
            duration, cpus, threshold, outFile, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var target = parse.GetValue(outFile);
            if (!CliOptions.MayWrite(target, parse.GetValue(force), error))
            {
                return ExitCodes.BadInput;
            }

            Topology topology;
            IReadOnlyList<int> measured;
            TimeSpan runFor;
            double thresholdNs;
            try
            {
                topology = new SysfsTopologyDetector().Detect().Topology;
                runFor = Duration(parse.GetValue(duration)!);
                thresholdNs = Threshold(parse.GetValue(threshold)!);
                measured = parse.GetValue(cpus) is { } list ? NoiseCpus(list, topology) : [.. topology.Threads.Select(t => t.OsCpu).Order()];
            }
            catch (Exception e) when (e is FormatException or TopologyDetectionException)
            {
                error.WriteLine($"mountsim: {e.Message}");
                return ExitCodes.BadInput;
            }

            NoiseMeasurement m;
            try
            {
                m = SelfishDetour.Measure(topology, measured, runFor, thresholdNs);
            }
            catch (HarnessException e)
            {
                error.WriteLine($"mountsim: noise failed: {e.Message}");
                return ExitCodes.RunFailed;
            }

            void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
            Line($"{"cpu",4} {"detours/s",10} {"p50",10} {"p99",10} {"max",10}  (detour ns; {parse.GetValue(duration)} per CPU, threshold {Durations.Format(thresholdNs)})");
            foreach (var c in m.Cpus)
            {
                Line($"{c.Cpu,4} {c.DetoursPerSecond,10:F1} {c.P50Ns,10:F0} {c.P99Ns,10:F0} {c.MaxNs,10:F0}{(c.Capped ? $"  (over {SelfishDetour.MaxLengthsPerCpu} detours: quantiles of the first ones)" : string.Empty)}");
            }

            var noise = m.ToHostNoise();
            if (m.DetoursPerSecond == 0)
            {
                Line($"No detour above {Durations.Format(thresholdNs)} on any CPU.");
            }
            else
            {
                Line($"all  {m.DetoursPerSecond:F1} detours/s, mean detour {Durations.Format(noise.Detours.Mean)}, {noise.Share * 100:F3}% of time lost.");
            }

            if (target is null)
            {
                return ExitCodes.Success;
            }

            try
            {
                NoiseMeasurementJson.Write(m, target.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"mountsim: cannot write {target.FullName}: {e.Message}");
                return ExitCodes.RunFailed;
            }

            output.WriteLine($"Wrote {target.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static double Threshold(string text) =>
        Durations.TryParseNanoseconds(text, out var ns) && ns >= SelfishDetour.MinThresholdNs && double.IsFinite(ns)
            ? ns
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--threshold expects a time with a unit of at least {SelfishDetour.MinThresholdNs:F0}ns (500ns, 1us), got '{text}'."));

    // Spinning threads sharing a CPU would see each other's time slices as detours: each CPU once, and one this process may use.
    private static List<int> NoiseCpus(string list, Topology topology)
    {
        IReadOnlyList<int> cpus;
        try
        {
            cpus = CpuList.Parse(list);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--cpus: {e.Message}", e);
        }

        var usable = topology.Threads.Select(t => t.OsCpu).ToHashSet();
        if (cpus.FirstOrDefault(c => !usable.Contains(c), -1) is var missing and >= 0)
        {
            throw new FormatException($"--cpus: CPU {missing} is not one this process may run on ({TopologySummary.Cpus(topology.Threads)}).");
        }

        return cpus.Count > 0 ? [.. cpus] : throw new FormatException($"--cpus '{list}' names no CPU; expected e.g. 0-3,8.");
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

    private static TimeSpan Duration(string text) =>
        Durations.TryParseNanoseconds(text, out var ns) && ns >= 1e6 && ns / 100 < TimeSpan.MaxValue.Ticks
            ? TimeSpan.FromTicks((long)(ns / 100))
            : throw new FormatException($"--duration expects a time with a unit of at least 1ms (500ms, 1s, 2m), got '{text}'.");

    private static Command BuildRun()
    {
        var strategy = new Option<string[]>("--strategy")
        {
            Description = $"Mount strategies to run, repeated or comma-separated: {string.Join(", ", MountStrategyNames.All.Select(s => s.Name()))} (default all).",
        };
        var layers = CliOptions.PositiveInt("--layers", "Image layers per container.", 8);
        var threads = CliOptions.PositiveInt("--threads", "Worker threads setting up containers at once, each on its own targets.", 1);
        var placement = new Option<string?>("--placement") { Description = $"Where worker threads are pinned: {string.Join(", ", PlacementPolicy.Names)} (default spread)." };
        var cpus = new Option<string?>("--cpus") { Description = "Pin worker threads to these CPUs in this order, e.g. 0,2 (same as --placement cpus:0,2)." };
        var iterations = CliOptions.PositiveInt("--iterations", "Container setups per worker thread and strategy (or give --duration).", 50);
        var duration = new Option<string?>("--duration") { Description = "Instead of --iterations: each worker thread keeps setting up containers this long per strategy, e.g. 500ms, 5s, 2m (a setup in progress finishes)." };
        var filesystem = new Option<string>("--filesystem")
        {
            Description = "Where the layers live: tmpfs (mounted inside the private namespace) or a directory on the filesystem to test.",
            DefaultValueFactory = _ => HarnessOptions.Tmpfs,
        };
        var probes = new Option<int>("--probes")
        {
            Description = "Threads timing stat() through a mountpoint (path-walk latency), idle and during the churn.",
            DefaultValueFactory = _ => 1,
        };
        probes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--probes expects 0 or more.");
            }
        });
        var mountinfoReader = new Option<bool>("--mountinfo-reader") { Description = "Also re-read /proc/thread-self/mountinfo during the churn, timing reads against line counts (slows mounts down)." };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the measurements to this JSON file, and a tidy CSV beside it (same name, .csv)." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out and its CSV if they exist." };
        var command = new Command(
            "run",
            "As root on Linux 6.3+: in a private mount namespace, build image layers, make a user namespace (ids 0-65535 -> 100000-165535), " +
            "and per strategy set up and tear down idmapped overlay container roots as containerd does, timing every mount call, " +
            "each whole setup, setups/s and stat() path walks. Checks that every strategy shows the same merged tree with shifted " +
            "owners (exit 1 when not). The host's mount table is never changed.")
        {
            strategy, layers, threads, placement, cpus, iterations, duration, filesystem, probes, mountinfoReader, outFile, force,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (Options(parse, error, strategy, layers, threads, placement, cpus, iterations, duration, filesystem, probes, mountinfoReader) is not { } options)
            {
                return ExitCodes.BadInput;
            }

            var target = parse.GetValue(outFile);
            if (PrivateMountNamespace.ChildWorkDirectory is { } workDirectory)
            {
                return RunChild(options, workDirectory, target, output, error);
            }

            if (target is not null && !parse.GetValue(force) && (target.Exists || File.Exists(CsvPath(target.FullName))))
            {
                error.WriteLine($"mountsim: {target.FullName} or its CSV exists; not overwriting without --force.");
                return ExitCodes.BadInput;
            }

            if (target?.Directory is { Exists: false } missing)
            {
                error.WriteLine($"mountsim: --out directory {missing.FullName} does not exist.");
                return ExitCodes.BadInput;
            }

            if (HostRequirements.Refusal(options.Filesystem) is { } refusal)
            {
                error.WriteLine($"mountsim: harness refused: {refusal}");
                return ExitCodes.BadInput;
            }

            return RunParent(options, target, output, error);
        });
        return command;
    }

    private static HarnessOptions? Options(
        ParseResult parse,
        TextWriter error,
        Option<string[]> strategy,
        Option<int> layers,
        Option<int> threads,
        Option<string?> placement,
        Option<string?> cpus,
        Option<int> iterations,
        Option<string?> duration,
        Option<string> filesystem,
        Option<int> probes,
        Option<bool> mountinfoReader)
    {
        try
        {
            var names = (parse.GetValue(strategy) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            List<MountStrategy> strategies = names.Count == 0 ? [.. MountStrategyNames.All] : [.. names.Select(MountStrategyNames.Parse).Distinct()];
            if (parse.GetValue(placement) is not null && parse.GetValue(cpus) is not null)
            {
                throw new FormatException("give --placement or --cpus, not both.");
            }

            var runFor = parse.GetValue(duration) is { } text ? Duration(text) : (TimeSpan?)null;
            if (runFor is not null && parse.GetResult(iterations) is { Implicit: false })
            {
                throw new FormatException("give --iterations or --duration, not both.");
            }

            var policy = parse.GetValue(cpus) is { } list ? "cpus:" + list : parse.GetValue(placement) ?? "spread";
            PlacementPolicy.Parse(policy).Place(new SysfsTopologyDetector().Detect().Topology, parse.GetValue(threads));
            var fs = parse.GetValue(filesystem)!;
            if (fs != HarnessOptions.Tmpfs)
            {
                fs = Path.GetFullPath(fs);
                if (!Directory.Exists(fs))
                {
                    throw new FormatException($"--filesystem {fs} is neither tmpfs nor an existing directory.");
                }
            }

            return new HarnessOptions(strategies, parse.GetValue(layers), parse.GetValue(threads), policy, runFor is null ? parse.GetValue(iterations) : null, runFor, fs, parse.GetValue(probes), parse.GetValue(mountinfoReader));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or TopologyDetectionException)
        {
            error.WriteLine($"mountsim: {e.Message}");
            return null;
        }
    }

    /// <summary>In the host namespace: make the work directory, run the child in a private namespace, remove the (then empty) directory.</summary>
    private static int RunParent(HarnessOptions options, FileInfo? target, TextWriter output, TextWriter error)
    {
        var parent = options.Filesystem == HarnessOptions.Tmpfs ? Path.GetTempPath() : options.Filesystem;
        foreach (var kept in WorkDirectory.RemoveEmptyLeftovers(parent))
        {
            error.WriteLine($"mountsim: {kept} from an earlier run is not empty; left for you to inspect.");
        }

        var workDirectory = WorkDirectory.CreateUnder(parent);
        string[] arguments = ["harness", "run", .. options.ToArguments(), .. target is null ? (string[])[] : ["--out", target.FullName, "--force"]];
        var code = PrivateMountNamespace.Run([.. ThisProgram(), .. arguments], workDirectory, output, error);
        try
        {
            Directory.Delete(workDirectory, recursive: false);
        }
        catch (IOException e)
        {
            error.WriteLine($"mountsim: could not remove {workDirectory}: {e.Message}");
        }

        return code ?? ExitCodes.BadInput;
    }

    /// <summary>In the private namespace: measure, write the files, print a summary.</summary>
    private static int RunChild(HarnessOptions options, string workDirectory, FileInfo? target, TextWriter output, TextWriter error)
    {
        if (PrivateMountNamespace.ChildRefusal() is { } refusal)
        {
            error.WriteLine($"mountsim: {refusal}");
            return ExitCodes.BadInput;
        }

        var cancellation = new CancellationTokenSource();
        using var signals = PrivateMountNamespace.CancelOnSignalOrOrphaned(cancellation);
        HarnessMeasurements measurements;
        try
        {
            measurements = new HarnessRunner(options, workDirectory, output).Run(cancellation.Token);
        }
        catch (HostUnsupportedException e)
        {
            error.WriteLine($"mountsim: harness refused: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("mountsim: harness interrupted; every mount was detached and the work directory emptied.");
            return ExitCodes.RunFailed;
        }
        catch (Exception e)
        {
            // Caught, not left unhandled: an unhandled exception may end the process before the cleanup's finally blocks run.
            error.WriteLine($"mountsim: harness failed: {e.Message}");
            return ExitCodes.RunFailed;
        }

        if (target is not null)
        {
            HarnessMeasurementsJson.Write(measurements, target.FullName);
            File.WriteAllText(CsvPath(target.FullName), HarnessCsvWriter.ToCsv(measurements));
            output.WriteLine($"Wrote {target.FullName} and {CsvPath(target.FullName)}.");
        }

        WriteSummary(measurements, output);
        foreach (var failure in measurements.CheckFailures)
        {
            error.WriteLine($"mountsim: check failed: {failure}");
        }

        return measurements.MergedTreesIdentical && measurements.OwnershipShifted ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private static void WriteSummary(HarnessMeasurements m, TextWriter output)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"Kernel {m.Host.Kernel}, {m.Host.CpuModel ?? "unknown CPU"}, CPUs {m.Host.Cpus}; {m.Options.Layers} layers, {m.Options.Threads} thread(s), {m.Options.Filesystem}.");
        Line($"{"strategy",-14} {"setups/s",10} {"setup p50",11} {"p99",11} {"walk idle p50",14} {"churn p50",10} {"churn p99",10}  (µs)");
        foreach (var c in m.Configurations)
        {
            Line($"{c.Strategy,-14} {c.SetupsPerSecond,10:F0} {c.SetupLatencyUs.P50,11:F1} {c.SetupLatencyUs.P99,11:F1} {c.PathWalkIdleUs.P50,14:F2} {c.PathWalkChurnUs.P50,10:F2} {c.PathWalkChurnUs.P99,10:F2}");
            Line($"  {string.Join(", ", c.SyscallLatencyUs.Select(p => FormattableString.Invariant($"{p.Key} {p.Value.P50:F1}")))}");
        }

        Line($"merged trees identical: {m.MergedTreesIdentical}; ownership shifted: {m.OwnershipShifted}.");
    }

    private static string CsvPath(string json) => Path.ChangeExtension(json, ".csv");

    /// <summary>
    /// The command line that starts this program again: the apphost when it is running, else the dotnet
    /// host with this assembly (as under <c>dotnet mountsim.dll</c> or inside a test host).
    /// </summary>
    private static string[] ThisProgram()
    {
        var cli = typeof(HarnessCommand).Assembly;
        var process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return [process, cli.Location];
        }

        return Assembly.GetEntryAssembly() == cli
            ? [process]
            : [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", cli.Location];
    }
}
