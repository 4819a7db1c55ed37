using System.Diagnostics;
using System.Runtime.InteropServices;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Hardware.Sysfs;
using MountSim.Text;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The harness proper, run inside a private mount namespace: builds the layers, makes the user
/// namespace, then per strategy runs the workers' container setups while the probes time path
/// walks, checks the merged trees, and always cleans up (success, error or cancellation).
/// </summary>
public sealed class HarnessRunner(HarnessOptions options, string workDirectory, TextWriter log)
{
    /// <summary>How long the probes time path walks before the workers start, for the idle baseline.</summary>
    private static readonly TimeSpan IdleBaseline = TimeSpan.FromMilliseconds(100);

    /// <exception cref="HostUnsupportedException">The kernel cannot idmap the layers' filesystem.</exception>
    /// <exception cref="HarnessException">A mount call failed.</exception>
    /// <exception cref="OperationCanceledException">Interrupted; everything was cleaned up.</exception>
    public HarnessMeasurements Run(CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        var work = WorkDirectory.Claim(workDirectory, options.Filesystem == HarnessOptions.Tmpfs);
        try
        {
            work.Prepare(options.Layers);
            var runtime = options.Runtime == ContainerRuntime.Runc ? RuncHost.Prepare(work) : null;
            MountTablePadding.Add(work.Padding, options.TableMounts);
            using var userns = UserNamespace.Create();
            ProbeIdmapSupport(work, userns.Fd);
            var detection = new SysfsTopologyDetector().Detect();
            List<int> cpus = options.Burst ? [] : [.. PlacementPolicy.Parse(options.Placement).Place(detection.Topology, options.Threads).Select(t => t.OsCpu)];
            var configurations = new List<HarnessConfiguration>();
            var trees = new List<(HarnessStrategy Strategy, MergedTree Tree)>();
            var ownershipProblems = new List<string>();
            foreach (var strategy in options.Strategies)
            {
                cancellation.ThrowIfCancellationRequested();
                var length = options.Duration is { } d ? $"{Durations.Format(d.Ticks * 100.0)} of" : $"{options.Iterations} setups of";
                var with = runtime is null ? string.Empty : $", each running a container ({options.Runtime.Name()})";
                log.WriteLine(options.Burst
                    ? $"{strategy.Name()}: {options.Iterations} bursts of {options.Threads} starts of {options.Layers} layers at once{with}..."
                    : $"{strategy.Name()}: {options.Threads} thread(s) x {length} {options.Layers} layers on CPUs {string.Join(',', cpus)}{with}...");
                var (configuration, tree, problems) = RunStrategy(work, userns.Fd, strategy, cpus, runtime, cancellation);
                configurations.Add(configuration);
                trees.Add((strategy, tree));
                ownershipProblems.AddRange(problems.Select(p => $"{strategy.Name()}: {p}"));
            }

            var differences = trees.Skip(1)
                .Where(t => !t.Tree.Lines.SequenceEqual(trees[0].Tree.Lines))
                .Select(t => $"{t.Strategy.Name()}: merged tree differs from {trees[0].Strategy.Name()}'s; first difference: {FirstDifference(trees[0].Tree, t.Tree)}")
                .ToList();
            return new HarnessMeasurements(
                HarnessMeasurements.CurrentSchemaVersion,
                HarnessHost.Of(HostRequirements.KernelRelease(), detection.Topology),
                Settings(),
                differences.Count == 0,
                ownershipProblems.Count == 0,
                [.. differences, .. ownershipProblems],
                configurations);
        }
        finally
        {
            foreach (var problem in RuncCgroups.KillAndRemove(Environment.ProcessId).Concat(work.Clean()))
            {
                log.WriteLine($"cleanup: {problem}");
            }
        }
    }

    private (HarnessConfiguration Configuration, MergedTree Tree, IReadOnlyList<string> OwnershipProblems) RunStrategy(WorkDirectory work, int usernsFd, HarnessStrategy strategy, List<int> cpus, RuncHost? runtime, CancellationToken cancellation)
    {
        var timings = Enumerable.Range(0, options.Threads).Select(_ => new SyscallTimings()).ToList();
        var setups = Enumerable.Range(0, options.Threads).Select(i => new ContainerSetup(work, i, options.Layers, usernsFd, timings[i])).ToList();
        var containers = Enumerable.Range(0, options.Threads).Select(i => runtime?.Container(work, i)).ToList();

        // With a container or in a burst a start is timed whole by its worker; the setup's own timing then covers the root's mounts alone.
        var timedWhole = runtime is not null || options.Burst;
        var starts = Enumerable.Range(0, options.Threads).Select(_ => new Histogram()).ToList();
        var mountinfoLines = File.ReadLines("/proc/thread-self/mountinfo").Count();
        MergedTree? tree = null;
        IReadOnlyList<string> ownershipProblems = [];
        void Inspect(string merged)
        {
            tree = MergedTree.Read(merged);
            ownershipProblems = [.. tree.OwnershipProblems(merged, options.Layers)];
        }

        var errors = new List<Exception>();
        var finished = new long[options.Threads];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var start = new Barrier(options.Threads + 1);

        // A burst's round begins when every worker is ready; the last to arrive notes the moment all are released.
        long roundReleased = 0;
        using var round = new Barrier(options.Threads, _ => Volatile.Write(ref roundReleased, Stopwatch.GetTimestamp()));
        PathWalkProbes? probes = null;
        MountinfoSampler? sampler = null;
        void Fail(Exception e)
        {
            // Any failure stops every worker; each detaches what its own setup left attached.
            lock (errors)
            {
                errors.Add(e);
            }

            stop.Cancel();
        }

        // The container runs on the merged root between its mounts and its teardown; worker 0's first also checks the tree.
        Action<string>? OnRoot(int i, bool inspect) => (containers[i], inspect) switch
        {
            (null, false) => null,
            (null, true) => Inspect,
            ({ } container, _) => merged =>
            {
                if (inspect)
                {
                    Inspect(merged);
                }

                container.Run(timings[i]);
            },
        };

        void Work(int i)
        {
            try
            {
                // One untimed setup first: it compiles the call paths, and worker 0's checks the merged tree.
                if (cpus.Count > 0)
                {
                    ThreadAffinity.PinCurrentThread(cpus[i]);
                }

                setups[i].Run(strategy, OnRoot(i, inspect: i == 0));
                timings[i].Clear();
            }
            catch (Exception e)
            {
                Fail(e);
            }

            // Warmed up; then released together once the idle baseline is taken.
            start.SignalAndWait(CancellationToken.None);
            start.SignalAndWait(CancellationToken.None);
            var released = Stopwatch.GetTimestamp();
            var onRoot = OnRoot(i, inspect: false);
            try
            {
                for (var done = 0; More(done, released) && !stop.IsCancellationRequested; done++)
                {
                    if (options.Burst)
                    {
                        round.SignalAndWait(stop.Token);
                    }

                    var begun = options.Burst ? Volatile.Read(ref roundReleased) : Stopwatch.GetTimestamp();
                    setups[i].Run(strategy, onRoot);
                    starts[i].Record(SyscallTimings.Microseconds(Stopwatch.GetTimestamp() - begun));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Another worker failed, or the run was interrupted: this one stops between starts.
            }
            catch (Exception e)
            {
                Fail(e);
            }

            finished[i] = Stopwatch.GetTimestamp();
        }

        try
        {
            var workers = Enumerable.Range(0, options.Threads).Select(i => new Thread(() => Work(i)) { Name = $"mount worker {i}" }).ToList();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            start.SignalAndWait(CancellationToken.None);
            probes = new PathWalkProbes(work.ProbeTarget, options.Probes);
            Thread.Sleep(IdleBaseline);
            probes.StartChurn();
            sampler = options.MountinfoReader ? new MountinfoSampler() : null;
            int collections;
            long began;
            using (var quiet = new NoCollections())
            {
                start.SignalAndWait(CancellationToken.None);
                began = Stopwatch.GetTimestamp();
                foreach (var worker in workers)
                {
                    worker.Join();
                }

                collections = quiet.Collections;
            }

            var mountinfo = sampler?.Stop();
            var (idle, churn) = probes.Stop();
            if (errors.Count > 0)
            {
                throw new HarnessException($"{strategy.Name()}: {errors[0].Message}", errors[0]);
            }

            cancellation.ThrowIfCancellationRequested();
            var duration = SyscallTimings.Microseconds(finished.Max() - began) / 1e6;
            var setup = new Histogram();
            var byCall = new Dictionary<string, Histogram>(StringComparer.Ordinal);
            foreach (var t in timings)
            {
                t.MergeInto(setup, byCall);
            }

            if (timedWhole)
            {
                if (runtime is not null)
                {
                    byCall.Add("rootfs_mounts", setup);
                }

                setup = new Histogram();
                foreach (var whole in starts)
                {
                    setup.Merge(whole);
                }
            }

            var configuration = new HarnessConfiguration(
                strategy.Name(),
                options.Layers,
                options.Threads,
                cpus,
                setup.Count,
                Math.Round(duration, 6),
                Math.Round(setup.Count / duration, 1),
                LatencyStats.Of(setup),
                byCall.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => LatencyStats.Of(p.Value)),
                LatencyStats.Of(idle),
                LatencyStats.Of(churn),
                mountinfo,
                tree?.Lines.Count ?? 0,
                tree?.Digest ?? string.Empty,
                collections,
                options.Runtime.Name(),
                options.Burst,
                mountinfoLines);
            return (configuration, tree ?? throw new HarnessException($"{strategy.Name()}: the merged tree was never inspected."), ownershipProblems);
        }
        finally
        {
            sampler?.Dispose();
            probes?.Dispose();
            foreach (var setup in setups)
            {
                setup.Dispose();
            }
        }
    }

    /// <summary>Whether a worker that has done <paramref name="done"/> setups since <paramref name="began"/> starts another; checked only between setups, so one in progress finishes.</summary>
    private bool More(int done, long began) =>
        options.Duration is { } duration ? Stopwatch.GetElapsedTime(began) < duration : done < options.Iterations;

    /// <summary>Idmaps a detached clone of the layers once, so an unsupported filesystem or kernel is refused before anything is measured.</summary>
    private static void ProbeIdmapSupport(WorkDirectory work, int usernsFd)
    {
        using var layers = new NativeString(work.Layers);
        var fd = LinuxMounts.OpenTree(layers.Pointer, LinuxMounts.OpenTreeClone | LinuxMounts.OpenTreeCloexec);
        if (fd < 0)
        {
            throw new HostUnsupportedException($"open_tree(OPEN_TREE_CLONE) of {work.Layers} failed ({LinuxMounts.Describe(Marshal.GetLastPInvokeError())}): this kernel lacks the new mount API (5.2+).");
        }

        try
        {
            if (LinuxMounts.SetIdmap(fd, usernsFd) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new HostUnsupportedException(
                    $"mount_setattr(MOUNT_ATTR_IDMAP) on {work.Layers} failed ({LinuxMounts.Describe(errno)}): kernel {HostRequirements.KernelRelease()} cannot idmap this filesystem " +
                    $"(tmpfs needs {HostRequirements.IdmappedTmpfsKernel}+; ext4, xfs and btrfs need 5.12+).");
            }
        }
        finally
        {
            LinuxMounts.Close((int)fd);
        }
    }

    private HarnessSettings Settings() => new(
        [.. options.Strategies.Select(s => s.Name())],
        options.Layers,
        options.Threads,
        options.Placement,
        options.Iterations,
        options.Duration?.TotalSeconds,
        options.Filesystem,
        options.Probes,
        options.MountinfoReader,
        UserNamespace.IdMap,
        options.Runtime.Name(),
        options.Burst,
        options.TableMounts);

    private static string FirstDifference(MergedTree expected, MergedTree actual) =>
        expected.Lines.Zip(actual.Lines).Where(p => p.First != p.Second).Select(p => $"'{p.First}' vs '{p.Second}'").FirstOrDefault()
        ?? $"{expected.Lines.Count} vs {actual.Lines.Count} entries";
}
