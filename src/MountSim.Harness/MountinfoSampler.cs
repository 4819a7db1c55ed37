using System.Diagnostics;
using MountSim.Engine.Statistics;

namespace MountSim.Calibration.Harness;

/// <summary>
/// A thread re-reading /proc/thread-self/mountinfo during the churn, as monitoring agents do: each
/// read's time against the lines it returned. Such readers contend with mount and unmount, so
/// they change what is measured; the harness runs one only when asked.
/// </summary>
internal sealed class MountinfoSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly Histogram _readUs = new();
    private readonly Histogram _lines = new();
    private readonly SortedDictionary<int, (long Reads, double TotalUs)> _byLines = [];
    private volatile bool _stopped;
    private string? _error;

    public MountinfoSampler()
    {
        _thread = new Thread(Read) { IsBackground = true, Name = "mountinfo reader" };
        _thread.Start();
    }

    public MountinfoStats Stop()
    {
        Dispose();
        if (_error is not null)
        {
            throw new HarnessException(_error);
        }

        return new MountinfoStats(
            LatencyStats.Of(_readUs),
            LatencyStats.Of(_lines),
            [.. _byLines.Select(p => new MountinfoReadTime(p.Key, p.Value.Reads, Math.Round(p.Value.TotalUs / p.Value.Reads, 3)))]);
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }

    private void Read()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (!_stopped)
            {
                var start = Stopwatch.GetTimestamp();
                var lines = 0;
                using (var stream = new FileStream("/proc/thread-self/mountinfo", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None))
                {
                    int read;
                    while ((read = stream.Read(buffer)) > 0)
                    {
                        lines += buffer.AsSpan(0, read).Count((byte)'\n');
                    }
                }

                var microseconds = SyscallTimings.Microseconds(Stopwatch.GetTimestamp() - start);
                _readUs.Record(microseconds);
                _lines.Record(lines);
                var (reads, total) = _byLines.GetValueOrDefault(lines);
                _byLines[lines] = (reads + 1, total + microseconds);
            }
        }
        catch (IOException e)
        {
            _error = $"reading /proc/thread-self/mountinfo: {e.Message}";
        }
    }
}
