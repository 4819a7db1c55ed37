using System.Diagnostics;
using System.Globalization;
using MountSim.Hardware.Sysfs;

namespace MountSim.Tests.Hardware;

/// <summary>Detection on the machine running the tests agrees with util-linux's lscpu.</summary>
public sealed class LscpuAgreementTests
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

        // Lines "cpu,core,socket"; comments start with '#'. Offline CPUs have empty fields.
        var rows = lscpu.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(','))
            .Where(f => f.Length == 3 && f.All(v => v.Length > 0))
            .Select(f => (Cpu: Parse(f[0]), Core: Parse(f[1]), Socket: Parse(f[2])))
            .ToList();
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
            }
        }
    }

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string? RunLscpu()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("lscpu", "-p=CPU,CORE,SOCKET")
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
}
