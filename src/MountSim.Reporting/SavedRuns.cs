using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using MountSim.Files;

namespace MountSim.Reporting;

/// <summary>
/// The simulations of a plan or a study, each a JSON file of its own in an <see cref="OwnedFolder"/> as soon as it
/// ends, so an interrupted attempt resumes and reruns nothing; one that cannot be read back (cut short by a crash)
/// or that is not the one asked for is run again.
/// </summary>
/// <param name="fileOf">A run's file, relative to the folder.</param>
internal sealed class SavedRuns<TKey, TRun>(OwnedFolder folder, Func<TKey, string> fileOf)
    where TKey : notnull
    where TRun : class
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Converters = { new JsonStringEnumConverter() } };

    private readonly Lock _manifest = new();
    private readonly ConcurrentDictionary<TKey, TRun> _savedNow = new();
    private int _resumed;

    /// <summary>Runs read back from an earlier attempt's files.</summary>
    public int Resumed => _resumed;

    /// <summary>The run saved for <paramref name="key"/>, this attempt's or an earlier one's when <paramref name="usable"/> takes it.</summary>
    public TRun? Find(TKey key, Func<TRun, bool> usable)
    {
        if (_savedNow.TryGetValue(key, out var now))
        {
            return now;
        }

        if (Read(folder.PathOf(fileOf(key))) is not { } run || !usable(run))
        {
            return null;
        }

        Interlocked.Increment(ref _resumed);
        return run;
    }

    /// <summary>The run a file holds; null when there is none or it cannot be read back.</summary>
    public static TRun? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TRun>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps one run; called from several threads at once.</summary>
    public void Save(TKey key, TRun run)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(run, Json);
        lock (_manifest)
        {
            folder.Write(fileOf(key), bytes);
        }

        // Read back from memory, not counted as resumed: a run is looked up again within one attempt.
        _savedNow[key] = run;
    }
}
