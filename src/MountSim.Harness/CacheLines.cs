using System.Runtime.InteropServices;

namespace MountSim.Calibration.Harness;

/// <summary>
/// Whole 64-byte cache lines on the pinned heap, one shared word at the start of each, so that a
/// contended word never shares its line with another (false sharing would blur what is measured).
/// </summary>
internal sealed class CacheLines
{
    public const int LineBytes = 64;
    private const int WordsPerLine = LineBytes / sizeof(long);

    private readonly long[] _words;
    private readonly int _first;

    public CacheLines(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // One spare line, so an aligned start always fits whatever address the array got.
        _words = GC.AllocateArray<long>((count + 1) * WordsPerLine, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_words, 0).ToInt64();
        _first = (int)((LineBytes - (address % LineBytes)) % LineBytes) / sizeof(long);
    }

    /// <summary>The shared word of line <paramref name="line"/>.</summary>
    public ref long this[int line] => ref _words[_first + (line * WordsPerLine)];
}
