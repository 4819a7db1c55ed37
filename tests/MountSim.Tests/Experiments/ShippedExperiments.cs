namespace MountSim.Tests.Experiments;

/// <summary>The experiments/ folder of the checkout the tests run from.</summary>
internal static class ShippedExperiments
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "experiments", "mount-mayhem.yaml")))
            {
                return Path.Combine(directory.FullName, "experiments");
            }
        }

        throw new InvalidOperationException("No experiments folder above the test directory.");
    }
}
