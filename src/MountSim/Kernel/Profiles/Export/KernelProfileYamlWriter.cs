using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MountSim.Yaml;

namespace MountSim.Kernel.Profiles.Export;

/// <summary>
/// A profile as the YAML <see cref="KernelProfileYamlReader"/> reads (kernels/README.md): every figure
/// written so that it reads back to the same number, every source kept, with its range where it has one.
/// </summary>
public static class KernelProfileYamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string Suffix, double Ns)[] Units = [("ms", 1e6), ("us", 1e3), ("ns", 1)];

    public static void Write(KernelProfile profile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"name: {Quote(profile.Name)}");
        output.WriteLine($"kernel: {Quote(profile.KernelVersion)}");
        if (profile.Description.Length > 0)
        {
            output.WriteLine($"description: {Quote(profile.Description)}");
        }

        output.WriteLine();
        output.WriteLine("parameters:");
        foreach (var parameter in profile.ParameterList)
        {
            var value = parameter.Definition.Unit == FigureUnit.Duration ? Duration(parameter.Value) : Number(parameter.Value);
            output.WriteLine($"  {parameter.Key}: {value}");
        }

        output.WriteLine();
        output.WriteLine("recipes:");
        foreach (var recipe in profile.RecipeList)
        {
            output.WriteLine($"  {recipe.Name}:");
            if (recipe.Description.Length > 0)
            {
                output.WriteLine($"    description: {Quote(recipe.Description)}");
            }

            output.WriteLine("    steps:");
            WriteSteps(recipe.Steps, "      ", output);
        }

        output.WriteLine();
        output.WriteLine("sources:");
        foreach (var (key, source) in profile.Sources)
        {
            var uncertain = profile.UncertainFigures.FirstOrDefault(f => f.Key == key);
            output.WriteLine($"  {Quote(key)}: {uncertain?.ToYamlEntry(source, Quote) ?? Quote(source)}");
        }
    }

    /// <summary>The profile as a file's text.</summary>
    public static string ToYaml(KernelProfile profile)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(profile, writer);
        return writer.ToString();
    }

    /// <summary>In the largest unit that keeps it at least 1 and reads back exactly; ns otherwise.</summary>
    public static string Duration(double ns)
    {
        foreach (var (suffix, unit) in Units)
        {
            var value = ns / unit;
            var text = Number(value);
            if (Math.Abs(value) >= 1 && double.Parse(text, CultureInfo.InvariantCulture) * unit == ns)
            {
                return text + suffix;
            }
        }

        return Number(ns) + "ns";
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted scalar: JSON's escapes are YAML's.</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, Quoting);

    private static void WriteSteps(IEnumerable<RecipeStep> steps, string indent, TextWriter output)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case CpuStep cpu:
                    output.WriteLine($"{indent}- cpu: {Duration(cpu.Ns)}");
                    break;
                case MountTableStep table when table.Lowerdirs == default:
                    output.WriteLine($"{indent}- mount_table: {table.Delta.ToString("+0;-0", CultureInfo.InvariantCulture)}");
                    break;
                case MountTableStep overlay:
                    output.WriteLine($"{indent}- mount_table: {{change: {overlay.Delta.ToString("+0;-0", CultureInfo.InvariantCulture)}, lowerdirs: {overlay.Lowerdirs}}}");
                    break;
                case SlaveNamespaceStep slave:
                    output.WriteLine($"{indent}- slave_namespace: {slave.Delta.ToString("+0;-0", CultureInfo.InvariantCulture)}");
                    break;
                case RepeatStep repeat:
                    output.WriteLine($"{indent}- repeat:");
                    output.WriteLine($"{indent}    count: {repeat.Count}");
                    output.WriteLine($"{indent}    steps:");
                    WriteSteps(repeat.Steps, indent + "      ", output);
                    break;
                case BlockStep block:
                    output.WriteLine($"{indent}- {block.Keyword}:");
                    WriteSteps(block.Steps, indent + "    ", output);
                    break;
                default:
                    output.WriteLine($"{indent}- {step.Keyword}");
                    break;
            }
        }
    }
}
