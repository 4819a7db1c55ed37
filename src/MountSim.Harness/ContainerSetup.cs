using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MountSim.Calibration.Harness;

/// <summary>
/// One worker's container root, set up and torn down as containerd does for an idmapped container:
/// the layers are idmapped (per strategy), an overlay is mounted over them at <c>merged</c>, the
/// intermediate mounts are detached, and the overlay is unmounted again. Every call is timed by name.
/// Paths are native strings made once, so the timings hold the kernel's work only.
/// </summary>
internal sealed class ContainerSetup : IDisposable
{
    /// <summary>mount(2) copies at most one page of option data and silently truncates the rest.</summary>
    public const int MaxMountData = 4000;

    private readonly int _usernsFd;
    private readonly SyscallTimings _timings;
    private readonly NativeString[] _layers;
    private readonly NativeString[] _idmapped;
    private readonly NativeString[] _parentSubdirs;
    private readonly NativeString _layersParent;
    private readonly NativeString _parent;
    private readonly NativeString _merged;
    private readonly NativeString _upper;
    private readonly NativeString _work;
    private readonly NativeString _overlay = new("overlay");
    private readonly NativeString _lowerdirPlus = new("lowerdir+");
    private readonly NativeString _upperdirKey = new("upperdir");
    private readonly NativeString _workdirKey = new("workdir");
    private readonly NativeString _perLayerData;
    private readonly NativeString _commonParentData;

    /// <summary>Whether each strategy's overlay options fit mount(2)'s page, decided once, not per setup.</summary>
    private readonly bool _perLayerFitsMount;
    private readonly bool _commonParentFitsMount;

    /// <summary>What is attached now, so a failure detaches exactly that; sized for every layer, so a setup never grows it.</summary>
    private readonly List<NativeString> _attached;

    /// <summary>The fd strategy's idmapped clones, open until the overlay is created; <see cref="_openLayerFds"/> of them now.</summary>
    private readonly long[] _layerFds;
    private int _openLayerFds;

    public ContainerSetup(WorkDirectory workDirectory, int worker, int layers, int usernsFd, SyscallTimings timings)
    {
        _usernsFd = usernsFd;
        _timings = timings;
        var root = workDirectory.Worker(worker);
        string Under(params string[] parts) => Path.Combine([root, .. parts]);
        static string Layer(int i) => (i + 1).ToString(CultureInfo.InvariantCulture);

        _layers = [.. Enumerable.Range(0, layers).Select(i => new NativeString(Path.Combine(workDirectory.Layers, Layer(i))))];
        _idmapped = [.. Enumerable.Range(0, layers).Select(i => new NativeString(Under("idmapped", Layer(i))))];
        _parentSubdirs = [.. Enumerable.Range(0, layers).Select(i => new NativeString(Under("parent", Layer(i))))];
        _layersParent = new NativeString(workDirectory.Layers);
        _parent = new NativeString(Under("parent"));
        _merged = new NativeString(Under("merged"));
        _upper = new NativeString(Under("upper"));
        _work = new NativeString(Under("work"));
        foreach (var dir in _idmapped.Append(_parent).Append(_merged).Append(_upper).Append(_work))
        {
            Directory.CreateDirectory(dir.Value);
        }

        // containerd hands the upper layer to the container's root.
        LayerFixture.Chown(_upper.Value, (int)UserNamespace.MappedRoot);
        LayerFixture.Chown(_work.Value, (int)UserNamespace.MappedRoot);
        _perLayerData = new NativeString(OverlayData(_idmapped));
        _commonParentData = new NativeString(OverlayData(_parentSubdirs));
        _perLayerFitsMount = FitsMount(_perLayerData);
        _commonParentFitsMount = FitsMount(_commonParentData);
        _attached = new List<NativeString>(layers + 2);
        _layerFds = new long[layers];
    }

    /// <summary>
    /// One setup and teardown. <paramref name="inspect"/>, when given, sees the merged tree after
    /// the intermediate mounts are gone and before the overlay is unmounted; its time is not counted.
    /// </summary>
    public void Run(HarnessStrategy strategy, Action<string>? inspect)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            switch (strategy)
            {
                case HarnessStrategy.PerLayer:
                    AttachIdmapped();
                    MountOverlay(_perLayerData, _perLayerFitsMount, _idmapped);
                    for (var i = 0; i < _idmapped.Length; i++)
                    {
                        Detach(_idmapped[i]);
                    }

                    break;
                case HarnessStrategy.CommonParent:
                    Attach(_layersParent, _parent);
                    MountOverlay(_commonParentData, _commonParentFitsMount, _parentSubdirs);
                    Detach(_parent);
                    break;
                case HarnessStrategy.DetachedFds:
                    MountOverlayFromFds();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null);
            }

            if (inspect is not null)
            {
                var paused = Stopwatch.GetTimestamp();
                inspect(_merged.Value);
                start += Stopwatch.GetTimestamp() - paused;
            }

            var call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.Umount2(_merged.Pointer, 0), "umount_overlay", _merged, call);
            _attached.Remove(_merged);
            _timings.Setup.Record(SyscallTimings.Microseconds(Stopwatch.GetTimestamp() - start));
        }
        catch
        {
            DetachAll();
            throw;
        }
    }

    /// <summary>Detaches whatever a failed or interrupted setup left attached.</summary>
    public void DetachAll()
    {
        for (var i = _attached.Count - 1; i >= 0; i--)
        {
            LinuxMounts.Umount2(_attached[i].Pointer, LinuxMounts.MntDetach);
        }

        _attached.Clear();
    }

    public void Dispose()
    {
        DetachAll();
        foreach (var native in _layers.Concat(_idmapped).Concat(_parentSubdirs))
        {
            native.Dispose();
        }

        foreach (var native in new[] { _layersParent, _parent, _merged, _upper, _work, _overlay, _lowerdirPlus, _upperdirKey, _workdirKey, _perLayerData, _commonParentData })
        {
            native.Dispose();
        }
    }

    private static bool FitsMount(NativeString data) => System.Text.Encoding.UTF8.GetByteCount(data.Value) <= MaxMountData;

    /// <summary>Option data for mount(2), top layer first; longer than <see cref="MaxMountData"/> means the fs-context route.</summary>
    private string OverlayData(NativeString[] lowerdirs) =>
        $"lowerdir={string.Join(':', lowerdirs.Reverse().Select(l => l.Value))},upperdir={_upper.Value},workdir={_work.Value}";

    private void AttachIdmapped()
    {
        for (var i = 0; i < _layers.Length; i++)
        {
            Attach(_layers[i], _idmapped[i]);
        }
    }

    /// <summary>A detached clone of <paramref name="source"/>, idmapped and moved onto <paramref name="target"/>.</summary>
    private void Attach(NativeString source, NativeString target)
    {
        var fd = OpenIdmappedClone(source);
        try
        {
            var call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.MoveMount(fd, target.Pointer), "move_mount", target, call);
            _attached.Add(target);
        }
        finally
        {
            CloseTimed(fd);
        }
    }

    private long OpenIdmappedClone(NativeString source)
    {
        var call = Stopwatch.GetTimestamp();
        var fd = Check(LinuxMounts.OpenTree(source.Pointer, LinuxMounts.OpenTreeClone | LinuxMounts.OpenTreeCloexec), "open_tree_clone", source, call);
        try
        {
            call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.SetIdmap(fd, _usernsFd), "mount_setattr_idmap", source, call);
            return fd;
        }
        catch
        {
            LinuxMounts.Close((int)fd);
            throw;
        }
    }

    private void MountOverlay(NativeString data, bool fitsMount, NativeString[] lowerdirs)
    {
        if (fitsMount)
        {
            var call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.Mount(_overlay.Pointer, _merged.Pointer, _overlay.Pointer, 0, data.Pointer), "overlay_mount", _merged, call);
            _attached.Add(_merged);
            return;
        }

        // Too long for one page: one lowerdir+ per layer through an fs context, as containerd does.
        MountOverlayContext(lowerdirs, idmappedFds: false);
    }

    /// <summary>
    /// The fd strategy: each layer a detached idmapped clone handed over as <c>lowerdir+</c>. Every
    /// clone's fd stays open until the overlay is created: closing one dissolves its detached mount.
    /// </summary>
    private void MountOverlayFromFds()
    {
        try
        {
            MountOverlayContext(_layers, idmappedFds: true);
        }
        finally
        {
            for (var i = 0; i < _openLayerFds; i++)
            {
                CloseTimed(_layerFds[i]);
            }

            _openLayerFds = 0;
        }
    }

    /// <summary>
    /// fsopen("overlay"), the lower dirs top first (as paths, or as idmapped clones of them), upperdir
    /// and workdir, create, fsmount and attach at merged. No closure: a setup allocates nothing.
    /// </summary>
    private void MountOverlayContext(NativeString[] lowerdirs, bool idmappedFds)
    {
        var call = Stopwatch.GetTimestamp();
        var fs = Check(LinuxMounts.Fsopen(_overlay.Pointer), "fsopen", _overlay, call);
        try
        {
            for (var i = lowerdirs.Length - 1; i >= 0; i--)
            {
                if (idmappedFds)
                {
                    var fd = OpenIdmappedClone(lowerdirs[i]);
                    _layerFds[_openLayerFds++] = fd;
                    call = Stopwatch.GetTimestamp();
                    Check(LinuxMounts.Fsconfig(fs, LinuxMounts.FsconfigSetFd, _lowerdirPlus.Pointer, 0, fd), "fsconfig_lowerdir_fd", lowerdirs[i], call);
                }
                else
                {
                    call = Stopwatch.GetTimestamp();
                    Check(LinuxMounts.Fsconfig(fs, LinuxMounts.FsconfigSetString, _lowerdirPlus.Pointer, lowerdirs[i].Pointer, 0), "fsconfig_lowerdir", lowerdirs[i], call);
                }
            }

            call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.Fsconfig(fs, LinuxMounts.FsconfigSetString, _upperdirKey.Pointer, _upper.Pointer, 0), "fsconfig_upperdir", _upper, call);
            call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.Fsconfig(fs, LinuxMounts.FsconfigSetString, _workdirKey.Pointer, _work.Pointer, 0), "fsconfig_workdir", _work, call);
            call = Stopwatch.GetTimestamp();
            Check(LinuxMounts.Fsconfig(fs, LinuxMounts.FsconfigCmdCreate, 0, 0, 0), "fsconfig_create", _merged, call);
            call = Stopwatch.GetTimestamp();
            var mountFd = Check(LinuxMounts.Fsmount(fs), "fsmount", _merged, call);

            // Closed before anyone unmounts: umount2(merged, 0) is EBUSY while an fsmount fd is open.
            try
            {
                call = Stopwatch.GetTimestamp();
                Check(LinuxMounts.MoveMount(mountFd, _merged.Pointer), "move_mount_overlay", _merged, call);
                _attached.Add(_merged);
            }
            finally
            {
                CloseTimed(mountFd);
            }
        }
        finally
        {
            CloseTimed(fs);
        }
    }

    private void Detach(NativeString target)
    {
        var call = Stopwatch.GetTimestamp();
        Check(LinuxMounts.Umount2(target.Pointer, LinuxMounts.MntDetach), "umount_detach", target, call);
        _attached.Remove(target);
    }

    private void CloseTimed(long fd)
    {
        var call = Stopwatch.GetTimestamp();
        LinuxMounts.Close((int)fd);
        _timings.Record("close", call);
    }

    /// <summary>Records the call and turns a negative result into an exception naming it, the path and the errno.</summary>
    private long Check(long result, string call, NativeString path, long start)
    {
        var errno = Marshal.GetLastPInvokeError();
        _timings.Record(call, start);
        return result >= 0 ? result : throw new HarnessException($"{call} {path.Value}: {LinuxMounts.Describe(errno)}");
    }
}
