using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>
/// A listing of a mounted tree, one line per entry: relative path, uid, gid, mode (octal, with the
/// file type), size and the SHA-256 of a file's content. Two strategies agree when their listings do.
/// </summary>
internal sealed class MergedTree
{
    private MergedTree(IReadOnlyList<string> lines, IReadOnlyDictionary<string, FileStatus> entries)
    {
        Lines = lines;
        Entries = entries;
        Digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>Each entry's status by relative path ("." is the root).</summary>
    public IReadOnlyDictionary<string, FileStatus> Entries { get; }

    public string Digest { get; }

    public static MergedTree Read(string root)
    {
        var lines = new List<string>();
        var entries = new Dictionary<string, FileStatus>(StringComparer.Ordinal);
        var buffer = new byte[FileStatus.BufferSize];
        void Visit(string path)
        {
            using var native = new NativeString(path);
            var errno = LinuxMounts.Stat(native.Pointer, buffer, out var status);
            if (errno != 0)
            {
                throw new HarnessException($"statx {path}: {LinuxMounts.Describe(errno)}");
            }

            var relative = Path.GetRelativePath(root, path);
            entries.Add(relative, status);
            var hash = status.IsRegularFile ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "-";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{relative} {status.Uid} {status.Gid} {Convert.ToString(status.Mode, 8)} {status.Size} {hash}"));
            if (status.IsDirectory)
            {
                foreach (var child in Directory.GetFileSystemEntries(path).Order(StringComparer.Ordinal))
                {
                    Visit(child);
                }
            }
        }

        Visit(root);
        return new MergedTree(lines, entries);
    }

    /// <summary>What is wrong with the owners and layer order seen through an idmapped overlay of the fixture; empty when all is right.</summary>
    public IEnumerable<string> OwnershipProblems(string root, int layers)
    {
        var expected = new (string Path, uint Owner)[]
        {
            (LayerFixture.RootFile, UserNamespace.MappedRoot),
            (LayerFixture.User1000File, UserNamespace.MappedRoot + 1000),
            (LayerFixture.User1000Dir, UserNamespace.MappedRoot + 1000),
            (LayerFixture.User1000Inner, UserNamespace.MappedRoot + 1000),
        };
        foreach (var (path, owner) in expected)
        {
            if (!Entries.TryGetValue(path, out var status))
            {
                yield return $"{path} is missing from the merged tree.";
            }
            else if (status.Uid != owner || status.Gid != owner)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{path} shows {status.Uid}:{status.Gid}, expected {owner}:{owner} (shifted by the id map).");
            }
        }

        var shadowed = Path.Combine(root, LayerFixture.Shadowed);
        if (!File.Exists(shadowed) || File.ReadAllText(shadowed) != LayerFixture.ShadowedOnTop(layers))
        {
            yield return $"{LayerFixture.Shadowed} does not hold the top layer's content: layer order is wrong.";
        }

        if (!Entries.ContainsKey(LayerFixture.TopOnly))
        {
            yield return $"{LayerFixture.TopOnly} is missing: the top layer is not in the overlay.";
        }
    }
}
