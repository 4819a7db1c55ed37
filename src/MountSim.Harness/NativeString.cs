using System.Runtime.InteropServices;

namespace MountSim.Calibration.Harness;

/// <summary>A NUL-terminated UTF-8 copy of a string in native memory, for the raw mount calls.</summary>
internal sealed class NativeString : IDisposable
{
    public NativeString(string value)
    {
        Value = value;
        Pointer = Marshal.StringToCoTaskMemUTF8(value);
    }

    /// <summary>"" for the AT_EMPTY_PATH calls; lives as long as the process.</summary>
    public static NativeString Empty { get; } = new(string.Empty);

    public string Value { get; }

    public nint Pointer { get; private set; }

    public void Dispose()
    {
        Marshal.FreeCoTaskMem(Pointer);
        Pointer = 0;
    }
}
