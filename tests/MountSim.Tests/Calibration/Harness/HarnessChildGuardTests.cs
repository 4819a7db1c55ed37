using MountSim.Calibration.Harness;
using MountSim.Tests.Cli;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>The child's guards: it mounts only inside a private namespace, and only in an empty work directory it may delete.</summary>
[Collection(RealMountsCollection.Name)]
public sealed class HarnessChildGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mountsim-guard-test").FullName;

    [Fact]
    public void AChildInTheHostNamespaceRefusesToMount()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Mount namespaces are Linux only.");
        var hostNamespace = new FileInfo("/proc/thread-self/ns/mnt").LinkTarget;
        Environment.SetEnvironmentVariable(PrivateMountNamespace.WorkDirectoryVariable, _dir);
        Environment.SetEnvironmentVariable(PrivateMountNamespace.HostNamespaceVariable, hostNamespace);
        try
        {
            var (code, _, error) = CliRunner.Run("harness", "run", "--iterations", "1");

            Assert.Equal(2, code);
            Assert.Contains("not in a private mount namespace", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PrivateMountNamespace.WorkDirectoryVariable, null);
            Environment.SetEnvironmentVariable(PrivateMountNamespace.HostNamespaceVariable, null);
        }
    }

    [Fact]
    public void OnlyAnEmptyHarnessDirectoryIsClaimed()
    {
        var foreign = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        var used = Directory.CreateDirectory(Path.Combine(_dir, WorkDirectory.Prefix + "1-000001")).FullName;
        File.WriteAllText(Path.Combine(used, "precious"), "keep");
        var fresh = Directory.CreateDirectory(Path.Combine(_dir, WorkDirectory.Prefix + "1-000002")).FullName;

        Assert.Throws<HarnessException>(() => WorkDirectory.Claim(foreign, onTmpfs: true));
        Assert.Throws<HarnessException>(() => WorkDirectory.Claim(used, onTmpfs: false));
        Assert.Equal(fresh, WorkDirectory.Claim(fresh, onTmpfs: true).Root);
        Assert.True(File.Exists(Path.Combine(used, "precious")));
    }

    [Fact]
    public void LeftoversAreRemovedOnlyWhenEmptyAndTheirProcessIsGone()
    {
        var dead = Directory.CreateDirectory(Path.Combine(_dir, WorkDirectory.Prefix + "999999999-000001")).FullName;
        var deadButFull = Directory.CreateDirectory(Path.Combine(_dir, WorkDirectory.Prefix + "999999999-000002")).FullName;
        File.WriteAllText(Path.Combine(deadButFull, "precious"), "keep");
        var alive = Directory.CreateDirectory(Path.Combine(_dir, $"{WorkDirectory.Prefix}{Environment.ProcessId}-000003")).FullName;

        var kept = WorkDirectory.RemoveEmptyLeftovers(_dir);

        Assert.False(Directory.Exists(dead));
        Assert.Equal([deadButFull], kept);
        Assert.True(File.Exists(Path.Combine(deadButFull, "precious")));
        Assert.True(Directory.Exists(alive));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
