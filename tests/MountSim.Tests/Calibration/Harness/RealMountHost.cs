using System.Diagnostics;
using MountSim.Calibration.Harness;
using MountSim.Tests.Support;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>Whether this machine can run the real-mount harness (CI: Linux as root); tests skip with the reason otherwise.</summary>
internal static class RealMountHost
{
    public static void SkipUnlessAvailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The harness mounts real filesystems: Linux only.");
        }

        if (HostRequirements.Refusal(HarnessOptions.Tmpfs) is { } refusal)
        {
            Assert.Skip($"This host cannot run the harness: {refusal}");
        }

        if (!File.Exists("/usr/bin/unshare") && !File.Exists("/bin/unshare"))
        {
            Assert.Skip("util-linux's unshare is not installed.");
        }
    }

    /// <summary>As <see cref="SkipUnlessAvailable"/>, and runc with a static busybox to run real containers.</summary>
    public static void SkipUnlessRuncAvailable()
    {
        SkipUnlessAvailable();
        if (RuncHost.Refusal() is { } refusal)
        {
            Assert.Skip($"No real containers here: {refusal} (.ci/run installs them).");
        }
    }

    /// <summary>Processes of the harness's containers still alive, created or running: any in a harness cgroup that is not a zombie.</summary>
    public static List<int> ContainerProcesses() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(dir => (Pid: int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0, Dir: dir))
            .Where(p => p.Pid > 0 && ReadOrEmpty(Path.Combine(p.Dir, "cgroup")).Contains("/" + WorkDirectory.Prefix, StringComparison.Ordinal) && WorkDirectory.IsAlive(p.Pid))
            .Select(p => p.Pid)];

    /// <summary>cgroups of harness processes in any hierarchy (<c>mountsim-harness-PID</c>).</summary>
    public static List<string> HarnessCgroups() =>
        [.. Directory.EnumerateDirectories("/sys/fs/cgroup")
            .Append("/sys/fs/cgroup")
            .SelectMany(h => Directory.EnumerateDirectories(h, WorkDirectory.Prefix + "*"))];

    /// <summary>The host mount table as this (host-namespace) process sees it.</summary>
    public static string[] Mountinfo() => File.ReadAllLines("/proc/self/mountinfo");

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>A long harness run as its own process, returned once it printed a line starting with <paramref name="started"/> and <paramref name="running"/> holds.</summary>
    public static async Task<Process> StartHarness(string started, Func<bool> running, params string[] arguments)
    {
        var harness = Process.Start(Cli(["harness", "run", .. arguments])) ?? throw new InvalidOperationException("dotnet did not start");
        var printed = new TaskCompletionSource();
        harness.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(started, StringComparison.Ordinal) == true)
            {
                printed.TrySetResult();
            }
        };
        harness.BeginOutputReadLine();
        harness.BeginErrorReadLine();
        await printed.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await WaitUntil(running);
        Assert.False(harness.HasExited, "the harness ended before it was killed");
        return harness;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, 30 s at most.</summary>
    public static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The built CLI, beside the tests because the test project references it.</summary>
    public static ProcessStartInfo Cli(params string[] arguments)
    {
        var cli = CliProcess.Dll;
        Assert.True(File.Exists(cli), $"{cli} not found");
        var start = new ProcessStartInfo(CliProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[cli, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
