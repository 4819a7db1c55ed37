using MountSim.Hardware.Yaml;
using MountSim.Yaml;

namespace MountSim.Tests.Yaml;

/// <summary>The reading pieces every input file shares: positioned errors, figure sections, shipped files.</summary>
public sealed class YamlInfrastructureTests
{
    [Fact]
    public void AnInputFileErrorReadsLikeACompilersAndATopologyErrorIsOne()
    {
        InputFileException e = new TopologyFileException("t.yaml", 3, 5, "latency.same_llc", "expected a duration");

        Assert.Equal("t.yaml:3:5: latency.same_llc: expected a duration", e.Message);
        Assert.Equal("t.yaml: cannot read the file", new InputFileException("t.yaml", 0, 0, string.Empty, "cannot read the file").Message);
    }

    [Fact]
    public void AFiguresSectionsRunFromItselfToItsTopKey()
    {
        Assert.Equal(
            ["recipes.x.steps[1].ns_write[0].cpu", "recipes.x.steps[1].ns_write[0]", "recipes.x.steps[1].ns_write", "recipes.x.steps[1]", "recipes.x.steps", "recipes.x", "recipes"],
            FigureSources.Sections("recipes.x.steps[1].ns_write[0].cpu"));
        Assert.Equal(["latency.same_llc", "latency"], FigureSources.Sections("latency.same_llc"));
    }

    [Fact]
    public void TheNearestSectionsSourceIsAFiguresSource()
    {
        var sources = new Dictionary<string, string> { ["recipes.x"] = "recipe", ["recipes.x.steps[2].cpu"] = "own" };

        Assert.Equal("recipe", FigureSources.SourceOf(sources, "recipes.x.steps[1].cpu"));
        Assert.Equal("own", FigureSources.SourceOf(sources, "recipes.x.steps[2].cpu"));
        Assert.Null(FigureSources.SourceOf(sources, "parameters.path_walk"));
    }

    [Fact]
    public void AStepNodeIsANameOrAOneKeyMapping()
    {
        var source = new YamlSource("s.yaml");
        var root = (YamlDotNet.RepresentationModel.YamlSequenceNode)source.ParseRoot("- path_walk\n- cpu: 1us\n- {a: 1, b: 2}\n", "steps");

        Assert.Equal(("path_walk", null), source.Tagged(root.Children[0], "s", "a step"));
        Assert.Equal("cpu", source.Tagged(root.Children[1], "s", "a step").Name);
        Assert.Equal("s.yaml:3:3: s: expected a step, got a mapping with several keys", Assert.Throws<InputFileException>(() => source.Tagged(root.Children[2], "s", "a step")).Message);
    }

    [Theory]
    [InlineData("linux-6.17", false)]
    [InlineData("mine.yaml", true)]
    [InlineData("dir/mine", true)]
    public void ANameIsReadAsAFileWhenItLooksLikeOne(string text, bool isPath)
    {
        Assert.Equal(isPath, ShippedFiles.IsPath(text));
    }

    [Fact]
    public void AShippedFolderListsItsFilesAndSuggestsNames()
    {
        var kernels = new ShippedFiles("kernels");

        Assert.Equal("experiments/kernels/linux-6.17.yaml", kernels.FileOf("linux-6.17"));
        Assert.StartsWith("name: linux-6.17", kernels.Text("linux-6.17").Split('\n').First(l => l.StartsWith("name:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("Unknown name 'linux'", Assert.Throws<UnknownNameException>(() => kernels.Text("linux")).Message, StringComparison.Ordinal);
    }
}
