namespace MountSim.Files;

/// <summary>
/// An exclusive lock on a file or folder MountSim writes, held by one process at a time: an advisory
/// <c>flock</c> on a lock file (.NET takes it for <see cref="FileShare.None"/>), released when the holder
/// disposes it or dies, so a killed run never leaves a folder locked.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly bool _removeOnRelease;

    private FileLock(FileStream stream, bool removeOnRelease)
    {
        _stream = stream;
        _removeOnRelease = removeOnRelease;
    }

    public string Path => _stream.Name;

    /// <summary>Takes the lock on <paramref name="lockFile"/>, creating it if needed.</summary>
    /// <param name="lockFile">The lock file's path.</param>
    /// <param name="what">What the lock guards, for the message when another process holds it.</param>
    /// <param name="removeOnRelease">Remove the lock file on release (a lock beside a user's file); a folder's own lock file stays.</param>
    /// <exception cref="OutputTargetException">Another process holds the lock, or the lock file cannot be made.</exception>
    public static FileLock Take(string lockFile, string what, bool removeOnRelease)
    {
        try
        {
            return new FileLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), removeOnRelease);
        }
        catch (IOException e) when (File.Exists(lockFile))
        {
            throw new OutputTargetException($"{what} is being written by another mountsim process (it holds {lockFile}); wait for it to finish, or choose another target", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputTargetException($"cannot write {what}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        // Removed while still held: a process that opens it later gets a new file and its own lock.
        if (_removeOnRelease)
        {
            File.Delete(_stream.Name);
        }

        _stream.Dispose();
    }
}
