using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MountSim.Hardware.Sysfs;

namespace MountSim.Tests.Hardware;

/// <summary>Detection on the machine running the tests agrees with util-linux's lscpu.</summary>
public sealed partial class LscpuAgreementTests
{
    [Fact]
    public void DetectionOnThisHostAgreesWithLscpu()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/devices/system/cpu"))
        {
            Assert.Skip("Not a Linux host with sysfs.");
        }

        var lscpu = RunLscpu();
        if (lscpu is null)
        {
            Assert.Skip("lscpu is not installed.");
        }

        var rows = Parse(lscpu);
        var detection = new SysfsTopologyDetector().Detect();
        var t = detection.Topology;
        var usable = rows.Where(r => detection.UsableCpus.Contains(r.Cpu)).ToList();

        Assert.Equal(detection.UsableCpus.Count, usable.Count);
        Assert.Equal(usable.Select(r => r.Socket).Distinct().Count(), t.Sockets.Count);
        Assert.Equal(usable.Select(r => (r.Socket, r.Core)).Distinct().Count(), t.Cores.Count);
        foreach (var a in usable)
        {
            foreach (var b in usable)
            {
                var ta = t.Threads[t.IndexOfCpu(a.Cpu)];
                var tb = t.Threads[t.IndexOfCpu(b.Cpu)];
                Assert.Equal((a.Socket, a.Core) == (b.Socket, b.Core), ta.CoreIndex == tb.CoreIndex);
                Assert.Equal(a.Socket == b.Socket, ta.SocketIndex == tb.SocketIndex);
                if (a.Llc is not null && b.Llc is not null)
                {
                    Assert.Equal(a.Llc == b.Llc, ta.LlcIndex == tb.LlcIndex);
                }
            }
        }
    }

    /// <summary>
    /// Rows of <c>lscpu -p=CPU,CORE,SOCKET,CACHE</c>. The header comment names the columns; util-linux
    /// 2.38 writes the caches as extra columns (<c>CPU,Core,Socket,,L1d,L1i,L2,L3</c>), older ones
    /// colon-separated in one (<c>L1d:L1i:L2:L3</c>): splitting on both aligns either with its header.
    /// The last-level cache is the data/unified column with the highest level.
    /// </summary>
    private static List<(int Cpu, int Core, int Socket, string? Llc)> Parse(string lscpu)
    {
        var lines = lscpu.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.LastOrDefault(l => l.StartsWith("# CPU,", StringComparison.OrdinalIgnoreCase))?[2..].Split(',', ':') ?? [];
        var llcColumn = header.Select((name, i) => (Match: CacheName().Match(name), i))
            .Where(c => c.Match.Success && c.Match.Groups[2].Value != "i")
            .OrderBy(c => int.Parse(c.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(c => (int?)c.i)
            .LastOrDefault();
        return [.. lines
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(',', ':'))
            .Where(f => f.Length >= 3 && f.Take(3).All(v => v.Length > 0))
            .Select(f => (
                Int(f[0]),
                Int(f[1]),
                Int(f[2]),
                llcColumn is { } c && c < f.Length && f[c].Length > 0 ? f[c] : null))];
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string? RunLscpu()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("lscpu", "-p=CPU,CORE,SOCKET,CACHE")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^L(\d+)([a-z]*)$")]
    private static partial Regex CacheName();
}
