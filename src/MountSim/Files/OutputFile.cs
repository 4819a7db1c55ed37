namespace MountSim.Files;

/// <summary>
/// A file the user asked MountSim to write (<c>--out FILE</c>, <c>--plot FILE</c>), claimed before any work
/// starts: its folder exists, it is not a folder, it is not there already unless replacing it was asked,
/// and no other MountSim process writes it meanwhile (a lock beside it, removed on release). A long
/// measurement is then never lost to a target that turns out unwritable, and two runs never write one file.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private readonly FileLock _lock;

    private OutputFile(string path, IReadOnlyList<string> companions, FileLock fileLock)
    {
        Path = path;
        Companions = companions;
        _lock = fileLock;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Files written beside it under the same claim (a CSV beside a JSON file, an SVG beside a PNG).</summary>
    public IReadOnlyList<string> Companions { get; }

    /// <summary>Claims <paramref name="path"/> and its <paramref name="companions"/>.</summary>
    /// <param name="path">The file, as the user gave it.</param>
    /// <param name="option">The option that named it, for messages (<c>--out</c>).</param>
    /// <param name="force">Whether the user asked to replace files that exist.</param>
    /// <param name="companions">Paths written with it, each checked the same way.</param>
    /// <exception cref="OutputTargetException">The file may not or cannot be written.</exception>
    public static OutputFile Claim(string path, string option, bool force, params string[] companions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        List<string> all = [full, .. companions.Select(System.IO.Path.GetFullPath)];
        foreach (var file in all)
        {
            if (Directory.Exists(file) || path.EndsWith(System.IO.Path.DirectorySeparatorChar))
            {
                throw new OutputTargetException($"{option} {file} is a folder; expected a file name");
            }

            if (System.IO.Path.GetDirectoryName(file) is { } folder && !Directory.Exists(folder))
            {
                throw new OutputTargetException($"{option} {file}: the folder {folder} does not exist");
            }

            if (File.Exists(file) && !force)
            {
                throw new OutputTargetException($"{option} {file} exists; not overwriting it without --force");
            }
        }

        var name = System.IO.Path.GetFileName(full);
        var fileLock = FileLock.Take(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{name}.lock"), full, removeOnRelease: true);
        return new OutputFile(full, [.. all.Skip(1)], fileLock);
    }

    public void Write(string text) => AtomicFile.Write(Path, text);

    public void Dispose() => _lock.Dispose();
}
