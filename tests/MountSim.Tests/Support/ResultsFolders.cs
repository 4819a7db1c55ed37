using MountSim.Files;

namespace MountSim.Tests.Support;

/// <summary>Results and shards' folders as the merge tests handle them: copied, marked unfinished, compared byte for byte.</summary>
internal static class ResultsFolders
{
    /// <summary>
    /// Asserts that <paramref name="merged"/> holds the files <paramref name="whole"/> holds, each the same bytes, all but
    /// <paramref name="except"/> (and the lock file) compared; returns them, relative, in order.
    /// </summary>
    public static List<string> AssertSameBytes(string whole, string merged, params string[] except)
    {
        var files = Files(whole, except);
        Assert.Equal(files, Files(merged, except));
        Assert.All(files, file => Assert.True(
            File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))),
            $"{file} differs between the unsharded run and the merge"));
        return files;
    }

    /// <summary>Copies every file of <paramref name="from"/> into <paramref name="to"/>, as someone copying a shard's folder would.</summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Marks <paramref name="folder"/> finished or not in its manifest; unfinished is what an interruption leaves.</summary>
    public static void SetFinished(string folder, bool finished)
    {
        var manifest = Path.Combine(folder, OwnedFolder.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"finished\": {!finished}".ToLowerInvariant(), $"\"finished\": {finished}".ToLowerInvariant(), StringComparison.Ordinal));
    }

    private static List<string> Files(string folder, string[] except) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => f != OwnedFolder.LockFile && !except.Contains(f))
            .Order(StringComparer.Ordinal)];
}
