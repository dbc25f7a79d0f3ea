using System.CommandLine;
using Scyfi.Core;
using Scyfi.Core.Import;
using Scyfi.Core.Models;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// <c>scyfi convert CHECKPOINT --out model.json [--relu-count P] [--w1 W1|W2]</c>: the checkpoint import on
/// its own. Writes the model JSON that <c>find</c> would analyse, so users can inspect (and keep) exactly
/// what Scyfi made of their PyTorch, Julia BSON or NumPy file.
/// </summary>
internal static class ConvertCommand
{
    public static Command Build(CliContext ctx)
    {
        var checkpoint = new Argument<string>("CHECKPOINT") { Description = "PyTorch state_dict (.pt/.pth), Julia BSON.jl (.bson) or NumPy (.npz) checkpoint" };
        var output = new Option<string?>("--out", "-o") { Description = "Model JSON file to write ('-' for stdout)" };
        var reluCount = new Option<int?>("--relu-count") { Description = "ALRNN checkpoints that do not store it: P, the number of trailing ReLU units" };
        var w1 = new Option<string?>("--w1") { Description = "shPLRNN checkpoints with M = L: which stored matrix (W1 or W2) is the model's W1, applied after the ReLU" };
        var cmd = new Command("convert", "Import a checkpoint (PyTorch, Julia BSON, NumPy) and write it as a model JSON file.")
        {
            checkpoint, output, reluCount, w1,
        };
        cmd.SetAction((parse, ct) =>
        {
            string input = parse.GetValue(checkpoint)!;
            string? outPath = parse.GetValue(output);
            // Checked before the (possibly slow) import, like every other user mistake.
            if (string.IsNullOrWhiteSpace(outPath)) throw new ScyfiInputException("missing --out FILE (the model JSON to write, or '-' for stdout)");
            if (outPath != "-")
            {
                if (Directory.Exists(outPath)) throw new ScyfiInputException($"--out '{outPath}' is a directory; give a file name such as model.json");
                if (File.Exists(input) && Path.GetFullPath(outPath) == Path.GetFullPath(input))
                    throw new ScyfiInputException($"--out '{outPath}' is the checkpoint itself; choose another file");
            }
            var model = ModelLoader.Load(input, new ImportOptions { ReluCount = parse.GetValue(reluCount), W1 = parse.GetValue(w1) });
            string json = ModelFile.ToJson(model, indented: true);
            if (outPath == "-")
            {
                ctx.Out.WriteLine(json);
                return Task.FromResult(ExitCodes.Ok);
            }
            try { File.WriteAllText(outPath, json + "\n"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ScyfiInputException($"cannot write --out '{outPath}': {e.Message}");
            }
            ctx.Out.WriteLine($"{outPath}: {Describe(model)}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static string Describe(ReluModel model) => model switch
    {
        ShallowPlrnn s => $"shplrnn, M = {s.Dimension}, L = {s.Hidden}",
        ClippedShallowPlrnn c => $"clipped-shplrnn, M = {c.Dimension}, L = {c.Hidden}",
        Alrnn a => $"alrnn, M = {a.Dimension}, P = {a.ReluCount}",
        _ => $"{model.Type}, M = {model.Dimension}",
    };
}
