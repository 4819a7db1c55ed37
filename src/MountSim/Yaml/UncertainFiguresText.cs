namespace MountSim.Yaml;

/// <summary>The ranges section the show commands print: each uncertain figure's value, range and why on a line, and the measurement that would pin it down beneath.</summary>
public static class UncertainFiguresText
{
    public static void Write(IReadOnlyList<UncertainFigure> figures, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(output);
        if (figures.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("ranges (what each uncertain figure may be, and why):");
        foreach (var figure in figures)
        {
            output.WriteLine($"  {figure.Key}: {figure.Domain.Format(figure.Nominal)} in {figure.Describe()}: {figure.Why}");
            if (figure.Measure is { Length: > 0 } measure)
            {
                output.WriteLine($"    measure: {measure}");
            }
        }
    }
}
