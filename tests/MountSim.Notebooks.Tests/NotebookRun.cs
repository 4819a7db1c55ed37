using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace MountSim.Notebooks.Tests;

/// <summary>
/// One notebook run as a user runs it: its C# cells in order, in a fresh kernel whose current directory is the
/// notebook's folder (so <c>#r "../src/..."</c> resolves as in VS Code or Jupyter). The outputs replace the ones the
/// notebook carried, for <see cref="Save"/>; the first failing cell ends the run.
/// </summary>
internal sealed class NotebookRun
{
    /// <summary>The notebooks' one kernel.</summary>
    private static readonly KernelInfoCollection Kernels = [new("csharp", "C#")];

    private NotebookRun(InteractiveDocument document, int? failedCell, string? failure)
    {
        Document = document;
        FailedCell = failedCell;
        Failure = failure;
    }

    public InteractiveDocument Document { get; }

    /// <summary>The number (from 1, counting every cell) of the cell that failed; null when all ran.</summary>
    public int? FailedCell { get; }

    public string? Failure { get; }

    public static async Task<NotebookRun> ExecuteAsync(string path, CancellationToken cancellation)
    {
        var document = Notebook.Parse(await File.ReadAllTextAsync(path, cancellation), Kernels);
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var kernel = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var order = 0;
        foreach (var (cell, number) in document.Elements.Select((cell, i) => (cell, i + 1)))
        {
            if (cell.KernelName != "csharp")
            {
                continue;
            }

            cancellation.ThrowIfCancellationRequested();
            var result = await kernel.SendAsync(new SubmitCode(cell.Contents));
            cell.Outputs.Clear();
            cell.ExecutionOrder = ++order;
            foreach (var e in result.Events)
            {
                switch (e)
                {
                    case StandardOutputValueProduced output:
                        cell.Outputs.Add(new TextElement(Plain(output), "stdout"));
                        break;
                    case ReturnValueProduced value:
                        var returned = new ReturnValueElement { ExecutionOrder = order };
                        foreach (var (mime, text) in Data(value))
                        {
                            returned.Data[mime] = text;
                        }

                        cell.Outputs.Add(returned);
                        break;
                    case DisplayedValueProduced displayed:
                        cell.Outputs.Add(new DisplayElement(Data(displayed)));
                        break;
                    case CommandFailed failed:
                        cell.Outputs.Add(new ErrorElement(failed.Message, failed.Exception?.GetType().Name ?? "Error", []));
                        return new NotebookRun(document, number, failed.Message);
                }
            }
        }

        return new NotebookRun(document, null, null);
    }

    /// <summary>Writes the notebook back with the outputs of this run.</summary>
    public void Save(string path)
    {
        // A fresh document: the parser leaves the notebook's metadata as plain JSON, which the writer will not take back.
        File.WriteAllText(path, Notebook.ToJupyterJson(new InteractiveDocument([.. Document.Elements]), "csharp"));
    }

    private static Dictionary<string, object> Data(DisplayEvent value) =>
        value.FormattedValues.Where(f => f.MimeType is "text/html" or "text/plain").ToDictionary(f => f.MimeType, f => (object)f.Value);

    private static string Plain(DisplayEvent value) => value.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value ?? string.Empty;
}
