using System.Text.RegularExpressions;
using MountSim.Tests.Experiments;
using YamlDotNet.RepresentationModel;

namespace MountSim.Tests.Cli;

/// <summary>
/// The Kubernetes and Slurm files of <c>experiments/scale-out/</c> and the Dockerfile, read as the CLI will meet
/// them: each shard's index from the variable the scheduler sets, N the same wherever it is written, every shard
/// merged once after all succeeded.
/// </summary>
public sealed partial class ScaleOutFilesTests
{
    private static readonly string Root = Path.GetDirectoryName(ShippedExperiments.Folder)!;
    private static readonly string ScaleOut = Path.Combine(ShippedExperiments.Folder, "scale-out");

    [Fact]
    public void TheIndexedJobRunsShardKOfNWithNPodsAtOnce()
    {
        var documents = Load(Path.Combine(ScaleOut, "kubernetes", "indexed-job.yaml"));
        var job = documents.Single(d => Scalar(d, "kind") == "Job");
        var spec = Map(job, "spec");

        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        var completions = int.Parse(Scalar(spec, "completions"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(completions, int.Parse(Scalar(spec, "parallelism"), System.Globalization.CultureInfo.InvariantCulture));

        var pod = Map(Map(spec, "template"), "spec");
        var container = Assert.Single(Sequence(pod, "containers").Cast<YamlMappingNode>());
        var args = Sequence(container, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal("run", args[0]);
        Assert.Equal($"auto/{completions}", After(args, "--shard"));
        Assert.Equal("/results", After(args, "--out"));

        // The experiment from the ConfigMap, the results on the claim every pod shares.
        var mounts = Sequence(container, "volumeMounts").Cast<YamlMappingNode>().ToDictionary(m => Scalar(m, "name"), m => Scalar(m, "mountPath"));
        var volumes = Sequence(pod, "volumes").Cast<YamlMappingNode>().ToDictionary(v => Scalar(v, "name"));
        Assert.StartsWith(mounts["experiment"] + "/", args[1], StringComparison.Ordinal);
        Assert.True(volumes["experiment"].Children.ContainsKey(new YamlScalarNode("configMap")));
        Assert.Equal("/results", mounts["results"]);
        var claim = Scalar(Map(volumes["results"], "persistentVolumeClaim"), "claimName");
        var volumeClaim = documents.Single(d => Scalar(d, "kind") == "PersistentVolumeClaim");
        Assert.Equal(claim, Scalar(Map(volumeClaim, "metadata"), "name"));
        Assert.Contains("ReadWriteMany", Sequence(Map(volumeClaim, "spec"), "accessModes").Select(a => ((YamlScalarNode)a).Value));
    }

    [Fact]
    public void TheMergeJobMergesEveryShardOfTheIndexedJobOnce()
    {
        var shards = Load(Path.Combine(ScaleOut, "kubernetes", "indexed-job.yaml")).Single(d => Scalar(d, "kind") == "Job");
        var completions = int.Parse(Scalar(Map(shards, "spec"), "completions"), System.Globalization.CultureInfo.InvariantCulture);
        var shardArgs = Sequence(Assert.Single(Sequence(Map(Map(Map(shards, "spec"), "template"), "spec"), "containers").Cast<YamlMappingNode>()), "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        var output = Path.GetFileNameWithoutExtension(shardArgs[1]);

        var merge = Assert.Single(Load(Path.Combine(ScaleOut, "kubernetes", "merge-job.yaml")));
        var container = Assert.Single(Sequence(Map(Map(Map(merge, "spec"), "template"), "spec"), "containers").Cast<YamlMappingNode>());
        var args = Sequence(container, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();

        Assert.Equal("merge", args[0]);
        Assert.Equal(
            Enumerable.Range(0, completions).Select(k => $"/results/{output}.shard-{k}-of-{completions}"),
            args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
        Assert.Equal("/results", After(args, "--out"));

        var script = File.ReadAllText(Path.Combine(ScaleOut, "kubernetes", "run.sh"));
        Assert.True(
            script.IndexOf("kubectl wait --for=condition=complete", StringComparison.Ordinal) < script.IndexOf("merge-job.yaml", StringComparison.Ordinal),
            "run.sh applies the merge only after the shards' Job is complete");
    }

    [Fact]
    public void TheSlurmArrayRunsShardKOfNAndTheMergeWaitsForAllOfThem()
    {
        var sweep = File.ReadAllText(Path.Combine(ScaleOut, "slurm", "sweep.sbatch"));
        var array = ArrayDirective().Match(sweep);
        Assert.True(array.Success, "sweep.sbatch has #SBATCH --array=0-M");
        var count = int.Parse(array.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        Assert.Contains($" run \"$EXPERIMENT\" --shard auto/{count} ", sweep, StringComparison.Ordinal);

        var merge = File.ReadAllText(Path.Combine(ScaleOut, "slurm", "merge.sbatch"));
        Assert.Contains($"merge \"$RESULTS/$OUTPUT\".shard-{{0..{count - 1}}}-of-{count} --out \"$RESULTS\"", merge, StringComparison.Ordinal);

        var submit = File.ReadAllText(Path.Combine(ScaleOut, "slurm", "submit.sh"));
        Assert.Matches(@"array=\$\(sbatch --parsable [^\n]*sweep\.sbatch", submit);
        Assert.Matches(@"sbatch --dependency=afterok:""\$array"" [^\n]*merge\.sbatch", submit);
    }

    [Fact]
    public void TheDockerfilePublishesTheCliSelfContainedAndRunsItAsAnotherUser()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "src", "MountSim.Cli", "Dockerfile"));
        var stages = dockerfile.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0", stages[1], StringComparison.Ordinal);
        Assert.Contains("RUN dotnet publish " + PublishedBinaryTests.PublishArguments, dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/MountSim.Cli\"]", dockerfile, StringComparison.Ordinal);
    }

    private static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static string After(List<string> args, string option) => args[args.IndexOf(option) + 1];

    [GeneratedRegex(@"^#SBATCH --array=0-(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ArrayDirective();
}
