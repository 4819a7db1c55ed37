using YamlDotNet.RepresentationModel;

namespace MountSim.Experiments;

/// <summary>One swept scenario field and its values, in the order the file lists them.</summary>
public sealed record SweepAxis(string Field, IReadOnlyList<YamlNode> Values, string Path);
