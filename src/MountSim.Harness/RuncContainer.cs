using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>
/// One worker's container, run by runc on the worker's merged root as containerd's shim does it:
/// <c>runc create</c>, <c>runc start</c>, wait for the container's init to exit (this process is its
/// subreaper, as the shim is), <c>runc delete</c>. Each phase is timed by name: <c>runc_create</c>,
/// <c>runc_start</c> (the command), <c>container_run</c> (from then to the container's exit), <c>runc_delete</c>. The container writes
/// its uid into its root; the write must land in the upper layer owned by the mapped root, or the
/// start counts as failed.
/// </summary>
internal sealed class RuncContainer
{
    /// <summary>What the container writes at its root: its uid as it sees it, which must be 0.</summary>
    public const string OutputFile = "mountsim-container";

    private const string ExpectedOutput = "0\n";

    private readonly string _runc;
    private readonly string _stateRoot;
    private readonly string _bundle;
    private readonly string _pidFile;
    private readonly string _output;
    private readonly string _id;
    private int _starts;

    /// <param name="runc">The runc program.</param>
    /// <param name="stateRoot">runc's <c>--root</c>: its state, private to this run.</param>
    /// <param name="spec">What <c>runc spec</c> gave: the default bundle this container's is made from.</param>
    /// <param name="worker">The worker's index, for the container's name and cgroup.</param>
    /// <param name="workerDirectory">The worker's directory: the bundle goes there.</param>
    /// <param name="merged">The container's root: the worker's overlay.</param>
    /// <param name="upper">The overlay's upper layer, where the container's write lands.</param>
    public RuncContainer(string runc, string stateRoot, JsonObject spec, int worker, string workerDirectory, string merged, string upper)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _runc = runc;
        _stateRoot = stateRoot;
        _bundle = Path.Combine(workerDirectory, "bundle");
        _pidFile = Path.Combine(_bundle, "init.pid");
        _output = Path.Combine(upper, OutputFile);
        _id = string.Create(CultureInfo.InvariantCulture, $"mountsim-{Environment.ProcessId}-w{worker}");
        Directory.CreateDirectory(_bundle);
        File.WriteAllText(Path.Combine(_bundle, "config.json"), Bundle(spec, merged, RuncCgroups.PathFor(Environment.ProcessId, worker)).ToJsonString());
    }

    /// <summary>Creates, starts, waits for and deletes the container, timing each phase into <paramref name="timings"/>.</summary>
    /// <exception cref="HarnessException">runc failed, or the container did not run as it should have.</exception>
    public void Run(SyscallTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var id = string.Create(CultureInfo.InvariantCulture, $"{_id}-{_starts++}");
        var phase = Stopwatch.GetTimestamp();
        Runc("create", "--bundle", _bundle, "--pid-file", _pidFile, id);
        timings.Record("runc_create", phase);
        try
        {
            var init = int.Parse(File.ReadAllText(_pidFile), CultureInfo.InvariantCulture);
            phase = Stopwatch.GetTimestamp();
            Runc("start", id);
            timings.Record("runc_start", phase);
            phase = Stopwatch.GetTimestamp();
            var status = LinuxMounts.WaitForExit(init);
            timings.Record("container_run", phase);
            phase = Stopwatch.GetTimestamp();
            Runc("delete", id);
            timings.Record("runc_delete", phase);
            Check(id, status);
        }
        catch
        {
            Delete(id);
            throw;
        }
    }

    /// <summary>The default bundle with this container's root, command, user namespace and cgroup.</summary>
    private static JsonObject Bundle(JsonObject spec, string merged, string cgroup)
    {
        var bundle = spec.DeepClone().AsObject();
        var process = bundle["process"]!.AsObject();
        process["terminal"] = false;
        process["args"] = new JsonArray("/bin/sh", "-c", $"id -u > /{OutputFile}");
        bundle["root"] = new JsonObject { ["path"] = merged, ["readonly"] = false };
        var linux = bundle["linux"]!.AsObject();
        var namespaces = linux["namespaces"]!.AsArray();
        if (!namespaces.Any(n => n?["type"]?.GetValue<string>() == "user"))
        {
            namespaces.Add(new JsonObject { ["type"] = "user" });
        }

        // The harness's idmap: the container's root is the host's 100000, as its layers are mapped.
        JsonArray Map() => [new JsonObject { ["containerID"] = 0, ["hostID"] = UserNamespace.MappedRoot, ["size"] = 65536 }];
        linux["uidMappings"] = Map();
        linux["gidMappings"] = Map();
        linux["cgroupsPath"] = cgroup;
        return bundle;
    }

    /// <summary>The container exited 0 and its write landed in the upper layer, owned by the mapped root.</summary>
    private void Check(string id, int status)
    {
        if (status != 0)
        {
            throw new HarnessException($"container {id} exited with {status}, expected 0.");
        }

        var buffer = new byte[FileStatus.BufferSize];
        using var path = new NativeString(_output);
        var errno = LinuxMounts.Stat(path.Pointer, buffer, out var written);
        if (errno != 0)
        {
            throw new HarnessException($"container {id} left no {OutputFile} in the upper layer ({LinuxMounts.Describe(errno)}).");
        }

        var text = File.ReadAllText(_output);
        File.Delete(_output);
        if (written.Uid != UserNamespace.MappedRoot || text != ExpectedOutput)
        {
            throw new HarnessException(string.Create(CultureInfo.InvariantCulture, $"container {id} wrote '{text.Trim()}' as uid {written.Uid} on the host; expected '0' as {UserNamespace.MappedRoot}."));
        }
    }

    /// <summary>runc with this run's state root; its messages go to the harness's standard error.</summary>
    private void Runc(params string[] arguments)
    {
        var code = RuncExitCode(arguments);
        if (code != 0)
        {
            throw new HarnessException($"runc {string.Join(' ', arguments)} exited with {code} (its message is above).");
        }
    }

    private int RuncExitCode(string[] arguments)
    {
        // Standard input a closed pipe, not the harness's: a container never reads what is meant for the harness.
        using var runc = Process.Start(new ProcessStartInfo(_runc, ["--root", _stateRoot, .. arguments]) { UseShellExecute = false, RedirectStandardInput = true })
            ?? throw new HarnessException($"could not start {_runc}.");
        runc.StandardInput.Close();
        runc.WaitForExit();
        return runc.ExitCode;
    }

    /// <summary>Removes a container a failed start left, whatever its state (the harness's cgroups catch what this misses).</summary>
    private void Delete(string id) => RuncExitCode(["delete", "--force", id]);
}
