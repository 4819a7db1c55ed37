using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MountSim.Files;

/// <summary>What statx(2) says about one file: owner, mode, size and the device it lives on.</summary>
public readonly partial record struct FileStatus(uint Uid, uint Gid, uint Mode, ulong Size, uint DevMajor, uint DevMinor)
{
    private const int AtFdCwd = -100;

    /// <summary>STATX_BASIC_STATS: type, mode, ids, size and the rest of struct stat.</summary>
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Bytes statx writes (struct statx is 256 bytes).</summary>
    public const int BufferSize = 256;

    private const uint TypeMask = 0xF000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    /// <summary>
    /// Whether <paramref name="path"/>, symlinks followed, is something other than a regular file (a FIFO,
    /// a device, a socket, a folder), on Linux; false where statx says nothing (another system, no such file:
    /// opening it then says why).
    /// </summary>
    public static bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var native = Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            return Stat(native, 0, new byte[BufferSize], out var status) == 0 && !status.IsRegularFile;
        }
        finally
        {
            Marshal.FreeCoTaskMem(native);
        }
    }

    /// <summary>Reads the fields at their offsets in struct statx.</summary>
    public static FileStatus FromStatx(ReadOnlySpan<byte> statx) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(statx[20..]),
        BinaryPrimitives.ReadUInt32LittleEndian(statx[24..]),
        BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]),
        BinaryPrimitives.ReadUInt64LittleEndian(statx[40..]),
        BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]),
        BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]));

    /// <summary>
    /// statx(2) of <paramref name="path"/> (a native UTF-8 string, so a timed caller allocates nothing) into
    /// <paramref name="buffer"/>; statx has one layout on every architecture (stat's differs per architecture).
    /// Returns the errno, or 0 with <paramref name="status"/> filled.
    /// </summary>
    public static int Stat(nint path, int flags, byte[] buffer, out FileStatus status)
    {
        if (Statx(AtFdCwd, path, flags, StatxBasicStats, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }

        status = FromStatx(buffer);
        return 0;
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int dirFd, nint path, int flags, uint mask, byte[] buffer);
}
