using System.Security.Cryptography;
using System.Text;

namespace MountSim.Files;

/// <summary>
/// Writes a file whole or not at all: the bytes go to a temporary file beside it, are flushed to the disk
/// (fsync), and the temporary file is renamed over the target. A full disk, a crash or a power loss leaves
/// the earlier file (or none), never a file cut short.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";
    private const int TemporaryTagBytes = 6;

    public static void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

    /// <exception cref="IOException">The file could not be written; the earlier file, if any, is unchanged.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = TemporaryName(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new IOException($"cannot write {Path.GetFullPath(path)}: {e.Message} (an earlier file there, if any, is unchanged)", e);
        }
    }

    /// <summary>
    /// The name of the file a temporary file named <paramref name="name"/> was for, when it is one that
    /// <see cref="Write(string, ReadOnlySpan{byte})"/> left (a crash between write and rename); else null.
    /// </summary>
    public static string? TargetOfTemporary(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tail = "." + new string('0', 2 * TemporaryTagBytes) + TemporarySuffix;
        return name.Length > 1 + tail.Length && name[0] == '.' && name.EndsWith(TemporarySuffix, StringComparison.Ordinal) && name[^tail.Length] == '.'
            ? name[1..^tail.Length]
            : null;
    }

    /// <summary>A name no other writer uses, so two writers of one file never share a temporary file.</summary>
    private static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TemporaryTagBytes))}{TemporarySuffix}");
}
