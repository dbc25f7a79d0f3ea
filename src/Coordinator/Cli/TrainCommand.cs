using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Scyfi.Core;
using Scyfi.Core.Training;

namespace Scyfi.Coordinator.Cli;

/// <summary>
/// <c>scyfi train DATA --model plrnn --latent M --epochs E --out DIR …</c>: trains a model on a time
/// series with BPTT or generalised teacher forcing; writes DIR/log.csv, DIR/config.json and
/// checkpoints DIR/checkpoints/epoch_&lt;n&gt;.json. Ctrl-C saves the last completed epoch and exits 130.
/// </summary>
internal static class TrainCommand
{
    public static Command Build(CliContext ctx)
    {
        var data = new Argument<string>("DATA") { Description = "Time series: CSV (one row per time step, header optional) or NumPy .npy" };
        var model = new Option<string?>("--model", "-m") { Description = "Model family" };
        model.AcceptOnlyFromAmong(TrainingOptions.Families);
        var latent = new Option<int?>("--latent", "-M") { Description = "Latent dimension M (≥ data dimension N; the first N units are observed)" };
        var hidden = new Option<int?>("--hidden", "-L") { Description = "Hidden units L (shplrnn, clipped-shplrnn)" };
        var reluCount = new Option<int?>("--relu-count", "-P") { Description = "Relu units P, the last P of M (alrnn)" };
        var method = new Option<string>("--method") { Description = "bptt (free running) or gtf (generalised teacher forcing)", DefaultValueFactory = _ => "bptt" };
        method.AcceptOnlyFromAmong("bptt", "gtf");
        var alpha = new Option<double?>("--alpha") { Description = "GTF forcing α in [0, 1] (default 0.1; 0 = BPTT, 1 = full teacher forcing)" };
        var epochs = new Option<int?>("--epochs", "-E") { Description = "Number of epochs" };
        var seqLen = new Option<int>("--seq-len", "-T") { Description = "Length of the training windows", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch", "-B") { Description = "Windows per batch", DefaultValueFactory = _ => 16 };
        var batches = new Option<int>("--batches-per-epoch") { Description = "Parameter updates per epoch", DefaultValueFactory = _ => 50 };
        var lr = new Option<double>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 1e-3 };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or radam", DefaultValueFactory = _ => "radam" };
        optimizer.AcceptOnlyFromAmong(Optimizer.Names);
        var clip = new Option<double?>("--clip") { Description = "Clip the gradient norm to this value" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (initial parameters and windows)", DefaultValueFactory = _ => 1UL };
        var every = new Option<int>("--checkpoint-every") { Description = "Save a checkpoint every N epochs (epoch 0 and the last are always saved)", DefaultValueFactory = _ => 25 };
        var standardize = new Option<bool>("--standardize") { Description = "Scale every data column to mean 0, standard deviation 1 first" };
        var output = new Option<string?>("--out", "-o") { Description = "Run directory for log.csv, config.json and checkpoints/" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace a run already in --out" };

        var cmd = new Command("train", "Train a PLRNN, shPLRNN or ALRNN on a time series (BPTT or generalised teacher forcing), saving checkpoints.")
        {
            data, model, latent, hidden, reluCount, method, alpha, epochs, seqLen, batch, batches, lr, optimizer, clip, seed, every, standardize, output, overwrite,
        };
        cmd.SetAction((parse, ct) =>
        {
            // Option combinations first, so that a mistake is named before the data is read.
            string? outDir = parse.GetValue(output);
            if (string.IsNullOrWhiteSpace(outDir)) throw new ScyfiInputException("missing --out DIR (where the log and checkpoints go)");
            string family = parse.GetValue(model) ?? throw new ScyfiInputException($"missing --model ({string.Join(", ", TrainingOptions.Families)})");
            int m = parse.GetValue(latent) ?? throw new ScyfiInputException("missing --latent M (the latent dimension)");
            int e = parse.GetValue(epochs) ?? throw new ScyfiInputException("missing --epochs E");
            string how = parse.GetValue(method)!;
            double? a = parse.GetValue(alpha);
            if (how == "bptt" && a is not null) throw new ScyfiInputException("--alpha applies to --method gtf (bptt is free running, α = 0)");
            int? l = parse.GetValue(hidden), p = parse.GetValue(reluCount);
            bool shallow = family is "shplrnn" or "clipped-shplrnn";
            if (shallow && l is null) throw new ScyfiInputException($"missing --hidden L (hidden units of the {family})");
            if (!shallow && l is not null) throw new ScyfiInputException($"--hidden applies to shplrnn and clipped-shplrnn, not to a {family}");
            if (family == "alrnn" && p is null) throw new ScyfiInputException("missing --relu-count P (relu units of the alrnn)");
            if (family != "alrnn" && p is not null) throw new ScyfiInputException($"--relu-count applies to alrnn, not to a {family}");

            var options = new TrainingOptions
            {
                Model = family,
                Latent = m,
                Hidden = l ?? 0,
                ReluCount = p ?? 0,
                Method = how,
                Alpha = how == "gtf" ? a ?? 0.1 : 0.0,
                Epochs = e,
                SequenceLength = parse.GetValue(seqLen),
                BatchSize = parse.GetValue(batch),
                BatchesPerEpoch = parse.GetValue(batches),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetValue(optimizer)!,
                Clip = parse.GetValue(clip),
                Seed = parse.GetValue(seed),
                CheckpointEvery = parse.GetValue(every),
            };
            var series = TimeSeriesFile.Load(parse.GetValue(data)!, parse.GetValue(standardize));
            return Task.FromResult(Run(ctx, series, options, outDir, parse.GetValue(overwrite), ct));
        });
        return cmd;
    }

    private static int Run(CliContext ctx, LoadedTimeSeries data, TrainingOptions options, string outDir, bool overwrite, CancellationToken ct)
    {
        var log = ctx.Logger("train");
        log.LogInformation("{Model} M = {M} on {Steps} × {N} data, {Method} α = {Alpha}, {Epochs} epochs of {Batches} batches of {Batch} × {T} steps",
            options.Model, options.Latent, data.Series.Length, data.Series.Dimension, options.Method, options.Alpha, options.Epochs,
            options.BatchesPerEpoch, options.BatchSize, options.SequenceLength);
        var result = ProgressDisplay.Run(ctx, "Training", progress => TrainingRun.Run(data, options, outDir, overwrite,
            new SyncProgress<EpochStats>(s => progress.Report(new WorkProgress("epochs", s.Epoch, options.Epochs, "epochs",
                string.Create(CultureInfo.InvariantCulture, $"loss {s.Loss:G4}, grad norm {s.GradNorm:G3}")))), ct));
        if (result.SkippedUpdates > 0)
            log.LogWarning("{Skipped} updates skipped: the loss, gradient or step was not finite (diverging rollouts)", result.SkippedUpdates);
        if (result.Interrupted)
        {
            var saved = result.Checkpoints[^1];
            ctx.Err.WriteLine($"scyfi: training interrupted after epoch {result.EpochsCompleted}; saved {saved.Path}");
            return ExitCodes.Cancelled;
        }
        double rate = result.EpochsCompleted / Math.Max(1e-9, result.Seconds);
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {options.Model} (M = {options.Latent}) with {options.Method}{(options.Method == "gtf" ? $" (α = {options.Alpha})" : "")} for {result.EpochsCompleted} epochs in {result.Seconds:F1} s ({rate:F1} epochs/s): loss {result.Initial.Loss:G5} → {result.Final.Loss:G5}"));
        if (result.SkippedUpdates > 0) ctx.Out.WriteLine($"{result.SkippedUpdates} updates skipped (non-finite loss or gradient)");
        ctx.Out.WriteLine($"wrote {Path.Combine(outDir, TrainingLog.FileName)}, {TrainingRun.ConfigFileName} and {result.Checkpoints.Count} checkpoints in {Path.Combine(outDir, TrainingCheckpoints.DirectoryName)}");
        return ExitCodes.Ok;
    }
}
