using System.Text;

namespace MountSim.Files;

/// <summary>
/// Reads an input file (a topology, an experiment, a profile, a measurement file) as text, at most
/// <see cref="MaxBytes"/>: no input of MountSim's is near that, and a file of gigabytes would otherwise
/// be read until memory runs out. Only regular files: a FIFO would block, a device never end.
/// </summary>
public static class InputText
{
    /// <summary>16 MiB: the largest harness measurement file of a long run is a few hundred KB.</summary>
    public const int MaxBytes = 16 << 20;

    /// <exception cref="IOException">The file cannot be read, or holds more than <see cref="MaxBytes"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string Read(string path)
    {
        // A FIFO would block the open until some writer came; a device or a socket is no input file either.
        if (FileStatus.IsSpecial(path))
        {
            throw new IOException("not a regular file (a FIFO, a device, a socket or a folder): give the path of a file");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(MaxBytes + 1, stream.CanSeek && stream.Length > 0 ? stream.Length + 1 : 1 << 16)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > MaxBytes)
                {
                    throw new IOException($"more than {MaxBytes >> 20} MiB: not an input file of MountSim's (a device, or a file of something else?)");
                }

                Array.Resize(ref buffer, Math.Min(MaxBytes + 1, buffer.Length * 2));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(buffer, 0, length).TrimStart('\uFEFF');
    }
}
