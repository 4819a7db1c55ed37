using System.Reflection;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace MountSim.Reporting;

/// <summary>
/// Finds SkiaSharp's native library for a process that loaded this one by path, with no deps.json to say where
/// it is (a notebook's <c>#r</c>, a script): .NET then looks only beside SkiaSharp.dll, while the build puts the
/// library under <c>runtimes/RID/native/</c>. An application with a deps.json finds it as before.
/// </summary>
internal static class SkiaNativeLibrary
{
    private const string Name = "libSkiaSharp";

    /// <summary>Registers the resolver; call once, before anything of SkiaSharp runs.</summary>
    public static void Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SKTypeface).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host registered its own resolver for SkiaSharp: it knows where the library is.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Name)
        {
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var loaded))
        {
            return loaded;
        }

        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var file = OperatingSystem.IsWindows() ? Name + ".dll" : OperatingSystem.IsMacOS() ? Name + ".dylib" : Name + ".so";
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var path = Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", "runtimes", $"{os}-{architecture}", "native", file);
        return NativeLibrary.TryLoad(path, out var found) ? found : IntPtr.Zero;
    }
}
