using System.Buffers.Binary;

namespace MountSim.Calibration.Harness;

/// <summary>What statx(2) says about one file: owner, mode, size and the device it lives on.</summary>
internal readonly record struct FileStatus(uint Uid, uint Gid, uint Mode, ulong Size, uint DevMajor, uint DevMinor)
{
    /// <summary>Bytes statx writes (struct statx is 256 bytes).</summary>
    public const int BufferSize = 256;

    private const uint TypeMask = 0xF000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    /// <summary>Reads the fields at their offsets in struct statx.</summary>
    public static FileStatus FromStatx(ReadOnlySpan<byte> statx) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(statx[20..]),
        BinaryPrimitives.ReadUInt32LittleEndian(statx[24..]),
        BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]),
        BinaryPrimitives.ReadUInt64LittleEndian(statx[40..]),
        BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]),
        BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]));
}
