namespace MountSim.Notebooks.Tests;

/// <summary>
/// Every notebook under notebooks/ runs, cell by cell, as a user would run it: a failing cell fails the test,
/// named by notebook and cell. With MOUNTSIM_REFRESH_NOTEBOOKS=1 the notebooks are written back with this run's
/// outputs (how the committed outputs are made); otherwise nothing is written.
/// </summary>
public sealed class NotebookTests
{
    private const string RefreshVariable = "MOUNTSIM_REFRESH_NOTEBOOKS";

    public static TheoryData<string> Notebooks => [.. Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).OfType<string>()];

    private static string Folder { get; } = FindFolder();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task TheNotebookRunsCellByCell(string notebook)
    {
        var path = Path.Combine(Folder, notebook);
        var cli = Path.GetFullPath(Path.Combine(Folder, "..", "src", "MountSim.Cli", "bin", "Release", "net10.0", "MountSim.dll"));
        Assert.True(File.Exists(cli), $"{cli} is missing: the notebooks load the Release build (dotnet build -c Release)");

        var run = await NotebookRun.ExecuteAsync(path, TestContext.Current.CancellationToken);

        Assert.True(run.Failure is null, $"{notebook}, cell {run.FailedCell}: {run.Failure}");
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            run.Save(path);
        }
    }

    [Fact]
    public async Task AFailingCellIsNamedByNotebookAndCellAndEndsTheRun()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mountsim-failing-{Guid.NewGuid():N}.ipynb");
        await File.WriteAllTextAsync(path, """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# three cells"]},
              {"cell_type": "code", "execution_count": null, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": ["var x = 1;"]},
              {"cell_type": "code", "execution_count": null, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": ["throw new System.InvalidOperationException(\"broken on purpose\");"]},
              {"cell_type": "code", "execution_count": null, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": ["System.Console.WriteLine(\"never\");"]}
            ],
            "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}},
            "nbformat": 4, "nbformat_minor": 5}
            """, TestContext.Current.CancellationToken);
        try
        {
            var before = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

            var run = await NotebookRun.ExecuteAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal(3, run.FailedCell);
            Assert.Contains("broken on purpose", run.Failure, StringComparison.Ordinal);
            Assert.Empty(run.Document.Elements[3].Outputs);
            Assert.Equal(before, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ThereAreTheFourNotebooks() =>
        Assert.Equal(["01-tour.ipynb", "02-mount-mayhem.ipynb", "03-calibration.ipynb", "04-capacity.ipynb"], Notebooks.Select(row => row.Data));

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MountSim.sln")))
            {
                return Path.Combine(directory.FullName, "notebooks");
            }
        }

        throw new InvalidOperationException("No MountSim.sln above the test directory.");
    }
}
