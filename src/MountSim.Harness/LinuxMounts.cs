using System.Runtime.InteropServices;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The Linux calls the harness makes, declared once. The new mount API has no libc wrappers, so
/// it goes through <c>syscall()</c>, which is variadic: every argument is passed as a 64-bit
/// integer (a pointer, or a sign-extended int such as AT_FDCWD), never as int or string.
/// Paths are native UTF-8 strings allocated up front (<see cref="NativeString"/>), so a timed
/// call measures the kernel, not marshalling.
/// </summary>
internal static partial class LinuxMounts
{
    public const long AtFdCwd = -100;
    public const long OpenTreeClone = 1;
    public const long OpenTreeCloexec = 0x80000;
    public const long AtEmptyPath = 0x1000;
    public const long AtSymlinkNoFollow = 0x100;
    public const long MoveMountFEmptyPath = 4;
    public const ulong MountAttrIdmap = 0x00100000;
    public const long FsconfigSetString = 1;
    public const long FsconfigSetFd = 5;
    public const long FsconfigCmdCreate = 6;
    public const long FsopenCloexec = 1;
    public const long FsmountCloexec = 1;
    public const int MntDetach = 2;
    public const ulong MsBind = 0x1000;
    private const int PrSetChildSubreaper = 36;
    private const int EIntr = 4;

    private const long SysOpenTree = 428;
    private const long SysMoveMount = 429;
    private const long SysFsopen = 430;
    private const long SysFsconfig = 431;
    private const long SysFsmount = 432;
    private const long SysMountSetattr = 442;

    /// <summary>The mount attributes mount_setattr applies (MOUNT_ATTR_SIZE_VER0, 32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MountAttr
    {
        public ulong AttrSet;
        public ulong AttrClr;
        public ulong Propagation;
        public ulong UsernsFd;
    }

    public static long OpenTree(nint path, long flags) => Syscall(SysOpenTree, AtFdCwd, path, flags, 0, 0);

    public static unsafe long SetIdmap(long mountFd, long usernsFd)
    {
        var attr = new MountAttr { AttrSet = MountAttrIdmap, UsernsFd = (ulong)usernsFd };
        return Syscall(SysMountSetattr, mountFd, NativeString.Empty.Pointer, AtEmptyPath, (nint)(&attr), sizeof(MountAttr));
    }

    /// <summary>Attaches a detached mount (an open_tree or fsmount fd) at <paramref name="target"/>.</summary>
    public static long MoveMount(long mountFd, nint target) =>
        Syscall(SysMoveMount, mountFd, NativeString.Empty.Pointer, AtFdCwd, target, MoveMountFEmptyPath);

    public static long Fsopen(nint fsName) => Syscall(SysFsopen, fsName, FsopenCloexec, 0, 0, 0);

    public static long Fsconfig(long fsFd, long command, nint key, nint value, long aux) => Syscall(SysFsconfig, fsFd, command, key, value, aux);

    public static long Fsmount(long fsFd) => Syscall(SysFsmount, fsFd, FsmountCloexec, 0, 0, 0);

    public static string Describe(int errno) => $"errno {errno}, {Marshal.GetPInvokeErrorMessage(errno)}";

    [LibraryImport("libc.so.6", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a1, long a2, long a3, long a4, long a5);

    [LibraryImport("libc.so.6", EntryPoint = "mount", SetLastError = true)]
    public static partial int Mount(nint source, nint target, nint fsType, ulong flags, nint data);

    [LibraryImport("libc.so.6", EntryPoint = "umount2", SetLastError = true)]
    public static partial int Umount2(nint target, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc.so.6", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, int uid, int gid);

    /// <summary>Pins the calling thread (pid 0) to the CPUs set in <paramref name="mask"/>.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nint maskSize, ulong[] mask);

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc.so.6", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc.so.6", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);

    /// <summary>
    /// Makes this process the reaper of its orphaned descendants, as containerd's shim is: a container's
    /// init, left behind when <c>runc create</c> exits, becomes this process's child, to be waited for.
    /// </summary>
    public static int BecomeChildSubreaper() => Prctl(PrSetChildSubreaper, 1, 0, 0, 0);

    /// <summary>Waits for the child <paramref name="pid"/> to end; its exit code, 128 + the signal that killed it, or -errno.</summary>
    public static int WaitForExit(int pid)
    {
        int result;
        int status;
        do
        {
            result = WaitPid(pid, out status, 0);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EIntr);

        if (result < 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    /// <summary>statx(2) without following a final symlink; the errno, or 0 with <paramref name="status"/> filled.</summary>
    public static int Stat(nint path, byte[] buffer, out FileStatus status) =>
        FileStatus.Stat(path, (int)AtSymlinkNoFollow, buffer, out status);
}
