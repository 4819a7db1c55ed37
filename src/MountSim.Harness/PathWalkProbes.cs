using System.Diagnostics;
using MountSim.Engine.Statistics;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>
/// Threads that stat() a file whose path crosses mountpoints, back to back, timing each call: the
/// path walk that mount and unmount churn slows down (mount_lock's seqlock retries, namespace_sem).
/// They record into the idle histograms until <see cref="StartChurn"/>, then into the churn ones.
/// </summary>
internal sealed class PathWalkProbes : IDisposable
{
    private const int Idle = 0;
    private const int Churn = 1;
    private const int Stopped = 2;

    private readonly List<Thread> _threads = [];
    private readonly List<(Histogram Idle, Histogram Churn)> _histograms = [];
    private readonly List<string> _errors = [];
    private volatile int _phase = Idle;

    public PathWalkProbes(string target, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var histograms = (new Histogram(), new Histogram());
            _histograms.Add(histograms);
            var thread = new Thread(() => Probe(target, histograms)) { IsBackground = true, Name = $"path-walk probe {i}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    public void StartChurn() => _phase = Churn;

    /// <summary>Stops the probes and returns their idle and churn latencies in microseconds.</summary>
    public (Histogram Idle, Histogram Churn) Stop()
    {
        Dispose();
        lock (_errors)
        {
            if (_errors.Count > 0)
            {
                throw new HarnessException(_errors[0]);
            }
        }

        var idle = new Histogram();
        var churn = new Histogram();
        foreach (var (i, c) in _histograms)
        {
            idle.Merge(i);
            churn.Merge(c);
        }

        return (idle, churn);
    }

    public void Dispose()
    {
        _phase = Stopped;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Probe(string target, (Histogram Idle, Histogram Churn) histograms)
    {
        using var path = new NativeString(target);
        var buffer = new byte[FileStatus.BufferSize];
        int phase;
        while ((phase = _phase) != Stopped)
        {
            var start = Stopwatch.GetTimestamp();
            var errno = LinuxMounts.Stat(path.Pointer, buffer, out _);
            var microseconds = SyscallTimings.Microseconds(Stopwatch.GetTimestamp() - start);
            if (errno != 0)
            {
                lock (_errors)
                {
                    _errors.Add($"statx {target}: {LinuxMounts.Describe(errno)}");
                }

                return;
            }

            (phase == Idle ? histograms.Idle : histograms.Churn).Record(microseconds);
        }
    }
}
