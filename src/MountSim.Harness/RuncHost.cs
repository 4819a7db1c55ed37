using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MountSim.Calibration.Harness;

/// <summary>
/// What running containers with runc needs, set up once per harness run inside the private namespace:
/// this process as the subreaper of the containers' init processes (as containerd's shim is), a static
/// busybox in the lowest layer, runc's state folder in the work directory, and the default bundle from
/// <c>runc spec</c> that each worker's container is made from.
/// </summary>
public sealed class RuncHost
{
    public const string Install = "apt-get install -y runc busybox-static";

    private readonly string _runc;
    private readonly JsonObject _spec;

    private RuncHost(string runc, JsonObject spec)
    {
        _runc = runc;
        _spec = spec;
    }

    /// <summary>Why runc containers cannot run here (with the command that installs what is missing), or null when they can.</summary>
    public static string? Refusal() =>
        Program() is null ? $"runc is not installed; {Install}"
        : StaticBusybox.Find() is null ? $"no static busybox for the container to run; {StaticBusybox.Install}"
        : null;

    /// <exception cref="HarnessException">runc or busybox is missing, or runc spec failed.</exception>
    internal static RuncHost Prepare(WorkDirectory work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var runc = Program() ?? throw new HarnessException($"runc is not installed; {Install}");
        var busybox = StaticBusybox.Find() ?? throw new HarnessException($"no static busybox; {StaticBusybox.Install}");
        if (LinuxMounts.BecomeChildSubreaper() != 0)
        {
            throw new HarnessException($"prctl(PR_SET_CHILD_SUBREAPER): {LinuxMounts.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }

        LayerFixture.AddContainerRoot(work.Layers, busybox);
        var template = Path.Combine(work.Runc, "spec");
        Directory.CreateDirectory(template);
        using (var spec = Process.Start(new ProcessStartInfo(runc, ["spec", "--bundle", template]) { UseShellExecute = false })
            ?? throw new HarnessException($"could not start {runc}."))
        {
            spec.WaitForExit();
            if (spec.ExitCode != 0)
            {
                throw new HarnessException($"runc spec exited with {spec.ExitCode}.");
            }
        }

        return new RuncHost(runc, JsonNode.Parse(File.ReadAllText(Path.Combine(template, "config.json")))!.AsObject());
    }

    /// <summary>Worker <paramref name="worker"/>'s container, on its merged root.</summary>
    internal RuncContainer Container(WorkDirectory work, int worker)
    {
        ArgumentNullException.ThrowIfNull(work);
        var directory = work.Worker(worker);
        return new RuncContainer(_runc, Path.Combine(work.Runc, "state"), _spec, worker, directory, Path.Combine(directory, "merged"), Path.Combine(directory, "upper"));
    }

    /// <summary>The runc on PATH, or null.</summary>
    private static string? Program() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "runc"))
            .FirstOrDefault(File.Exists);
}
