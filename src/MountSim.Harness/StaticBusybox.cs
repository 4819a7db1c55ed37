namespace MountSim.Calibration.Harness;

/// <summary>
/// A statically linked busybox (Debian's busybox-static) to run inside the harness's containers: the
/// container root holds the image layers and nothing else, so its one program must need no libraries.
/// </summary>
internal static class StaticBusybox
{
    public const string Install = "apt-get install -y busybox-static";

    private static readonly string[] Candidates = ["/bin/busybox", "/usr/bin/busybox"];

    private const uint ProgramInterpreter = 3;

    /// <summary>The first static busybox on this host; null when there is none.</summary>
    public static string? Find() => Candidates.FirstOrDefault(IsStatic);

    /// <summary>Whether <paramref name="path"/> is a 64-bit ELF file with no PT_INTERP program header (no dynamic loader).</summary>
    public static bool IsStatic(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return false;
        }

        using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        if (file.Length < 64 || reader.ReadUInt32() != 0x464c457f || reader.ReadByte() != 2)
        {
            return false;
        }

        file.Position = 0x20;
        var headers = reader.ReadInt64();
        file.Position = 0x36;
        var size = reader.ReadUInt16();
        var count = reader.ReadUInt16();
        for (var i = 0; i < count; i++)
        {
            file.Position = headers + (i * size);
            if (reader.ReadUInt32() == ProgramInterpreter)
            {
                return false;
            }
        }

        return true;
    }
}
