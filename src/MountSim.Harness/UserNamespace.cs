using System.Diagnostics;

namespace MountSim.Calibration.Harness;

/// <summary>
/// An fd of a user namespace mapping ids 0-65535 to 100000-165535, as containerd makes for an idmapped
/// container. A multi-threaded .NET process cannot unshare(CLONE_NEWUSER) itself, so a helper
/// <c>unshare -U sleep infinity</c> creates it; the open fd keeps the namespace alive after the helper is killed.
/// </summary>
internal sealed class UserNamespace : IDisposable
{
    public const string IdMap = "0 100000 65536";
    public const uint MappedRoot = 100000;
    private const int ReadOnlyCloexec = 0x80000;

    private UserNamespace(int fd) => Fd = fd;

    public int Fd { get; private set; }

    public static UserNamespace Create()
    {
        var ours = new FileInfo("/proc/self/ns/user").LinkTarget;
        var start = new ProcessStartInfo("unshare", ["-U", "sleep", "infinity"]) { UseShellExecute = false };
        using var helper = Process.Start(start) ?? throw new HarnessException("Could not start 'unshare -U sleep infinity'.");
        try
        {
            // The pid exists before the helper has unshared: wait until its namespace differs from ours.
            var deadline = Stopwatch.StartNew();
            while (new FileInfo($"/proc/{helper.Id}/ns/user").LinkTarget == ours)
            {
                if (helper.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
                {
                    throw new HarnessException("'unshare -U sleep infinity' did not enter a new user namespace.");
                }

                Thread.Sleep(1);
            }

            File.WriteAllText($"/proc/{helper.Id}/uid_map", IdMap);
            File.WriteAllText($"/proc/{helper.Id}/gid_map", IdMap);
            var fd = LinuxMounts.Open($"/proc/{helper.Id}/ns/user", ReadOnlyCloexec);
            return fd >= 0
                ? new UserNamespace(fd)
                : throw new HarnessException($"open /proc/{helper.Id}/ns/user: {LinuxMounts.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }
        finally
        {
            helper.Kill();
            helper.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (Fd >= 0)
        {
            LinuxMounts.Close(Fd);
            Fd = -1;
        }
    }
}
