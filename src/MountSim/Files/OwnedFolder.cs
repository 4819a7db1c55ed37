using System.Security.Cryptography;
using System.Text;

namespace MountSim.Files;

/// <summary>
/// A folder MountSim made and writes alone: a results folder, a calibration report. It is marked by its
/// manifest (<see cref="FolderManifest"/>, rewritten before each new file, so it always lists every file
/// MountSim may have written) and locked while open, so one process writes it at a time. MountSim writes
/// into no folder it did not make, and clearing one removes only what the manifest lists.
/// </summary>
public sealed class OwnedFolder : IDisposable
{
    public const string ManifestFile = "manifest.json";

    /// <summary>The lock file, the folder's one file outside the manifest; it stays, so a second process always locks the same file.</summary>
    public const string LockFile = ".lock";

    private readonly FileLock _lock;
    private readonly string _kind;
    private FolderManifest _manifest;
    private HashSet<string> _declared;

    private OwnedFolder(string directory, string kind, FolderManifest? previous, FileLock fileLock)
    {
        Directory = directory;
        _kind = kind;
        Previous = previous;
        _manifest = previous ?? FolderManifest.Empty(kind);
        _declared = [.. _manifest.Files];
        _lock = fileLock;
    }

    /// <summary>The folder's full path.</summary>
    public string Directory { get; }

    /// <summary>The manifest found when the folder was opened; null for a new folder.</summary>
    public FolderManifest? Previous { get; }

    /// <summary>
    /// Opens <paramref name="directory"/> as a folder of <paramref name="kind"/>, making it if needed, and
    /// locks it. It must be new, empty, or a folder MountSim made for the same kind.
    /// </summary>
    /// <exception cref="OutputTargetException">It is a file, another program's folder, another kind of MountSim folder, or locked by another process.</exception>
    public static OwnedFolder Open(string directory, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var full = Path.GetFullPath(directory);
        var manifestPath = Path.Combine(full, ManifestFile);
        if (File.Exists(full))
        {
            throw new OutputTargetException($"{full} is a file; expected a folder for the {kind}");
        }

        if (System.IO.Directory.Exists(full) && !File.Exists(manifestPath)
            && System.IO.Directory.EnumerateFileSystemEntries(full).Any(entry => Path.GetFileName(entry) != LockFile))
        {
            throw new OutputTargetException($"{full} exists and is not a folder MountSim made (it has no {ManifestFile}); MountSim writes only into folders it made, so choose another");
        }

        try
        {
            System.IO.Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputTargetException($"cannot make {full}: {e.Message}", e);
        }

        var fileLock = FileLock.Take(Path.Combine(full, LockFile), full, removeOnRelease: false);
        try
        {
            FolderManifest? previous = null;
            if (File.Exists(manifestPath))
            {
                previous = FolderManifest.Parse(File.ReadAllText(manifestPath))
                    ?? throw new OutputTargetException($"{manifestPath} is damaged, so MountSim cannot tell which files there are its own; move the folder aside or choose another");
                if (previous.Kind != kind)
                {
                    throw new OutputTargetException($"{full} holds MountSim's {previous.Kind}, not {kind}; choose another folder");
                }
            }

            var folder = new OwnedFolder(full, kind, previous, fileLock);
            if (previous is null)
            {
                // Marked as MountSim's before anything else is written into it.
                folder.Save(folder._manifest);
            }

            return folder;
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="directory"/> for the work an input file describes (an experiment, a plan): makes it,
    /// keeps it when it holds an unfinished attempt of the same text (to resume), or with <paramref name="force"/>
    /// starts it afresh. The folder's identity is the hash of <paramref name="text"/>, so an edited file never
    /// resumes another's work.
    /// </summary>
    /// <param name="work">What the file describes, in the refusals: "experiment", "plan".</param>
    /// <exception cref="OutputTargetException">See <see cref="Open"/>; or the folder is finished, or holds another file's work, and <paramref name="force"/> is false.</exception>
    public static OwnedFolder OpenFor(string directory, string kind, string work, string file, string text, bool force)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folder = Open(directory, kind);
        try
        {
            var identity = IdentityOf(text);
            if (folder.Previous is { } previous && !force)
            {
                if (previous.Finished)
                {
                    throw new OutputTargetException($"{folder.Directory} holds finished {kind}; use --force to replace them, or --out for another folder");
                }

                if (previous.Identity != identity)
                {
                    throw new OutputTargetException($"{folder.Directory} holds an unfinished attempt of another {work}, or of another version of {Path.GetFileName(file)}; use --force to start over, or --out for another folder");
                }
            }

            if (force || folder.Previous?.Identity != identity)
            {
                folder.Restart(identity);
            }

            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The identity of the work <paramref name="text"/> describes: its hash, as <see cref="OpenFor"/> records it in the manifest.</summary>
    public static string IdentityOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Starts the folder afresh for <paramref name="identity"/>: removes every file the manifest lists (and
    /// temporary files a crash left beside them), then the folders they were in where those are empty.
    /// </summary>
    public void Restart(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        foreach (var folder in _manifest.Files.Select(PathOf).GroupBy(Path.GetDirectoryName).OrderByDescending(g => g.Key!.Length))
        {
            if (!System.IO.Directory.Exists(folder.Key))
            {
                continue;
            }

            var names = folder.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in System.IO.Directory.EnumerateFiles(folder.Key).ToList())
            {
                var name = Path.GetFileName(entry);
                if (names.Contains(name) || (AtomicFile.TargetOfTemporary(name) is { } target && names.Contains(target)))
                {
                    File.Delete(entry);
                }
            }

            if (folder.Key != Directory && !System.IO.Directory.EnumerateFileSystemEntries(folder.Key).Any())
            {
                System.IO.Directory.Delete(folder.Key);
            }
        }

        Save(FolderManifest.Empty(_kind) with { Identity = identity });
    }

    /// <summary>Lists <paramref name="files"/> (paths relative to the folder, '/' between parts) in the manifest before they are written.</summary>
    public void Declare(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var added = files.Where(f => !_declared.Contains(f)).Distinct().ToList();
        if (added.Find(f => !FolderManifest.IsRelativeInside(f)) is { } outside)
        {
            throw new ArgumentException($"'{outside}' is not a path inside the folder", nameof(files));
        }

        if (added.Count > 0)
        {
            Save(_manifest with { Files = [.. _manifest.Files, .. added] });
        }
    }

    /// <summary>Writes one file of the folder whole or not at all, declared first.</summary>
    public void Write(string file, string text) => Write(file, Encoding.UTF8.GetBytes(text));

    /// <inheritdoc cref="Write(string, string)"/>
    public void Write(string file, ReadOnlySpan<byte> bytes)
    {
        Declare([file]);
        var path = PathOf(file);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, bytes);
    }

    /// <summary>Marks the folder finished: the last write, so a folder is finished only once everything in it is.</summary>
    public void Finish() => Save(_manifest with { Finished = true });

    /// <summary>The full path of one of the folder's files.</summary>
    public string PathOf(string file) => Path.Combine(Directory, file.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose() => _lock.Dispose();

    private void Save(FolderManifest manifest)
    {
        AtomicFile.Write(Path.Combine(Directory, ManifestFile), manifest.ToJson());
        _manifest = manifest;
        _declared = [.. manifest.Files];
    }
}
