namespace Scyfi.Core.Training;

/// <summary>
/// How loss jumps are found in a training log. The rule works on y = log10(loss), so that a jump is
/// a change by a factor, whatever the loss's scale:
/// <list type="number">
/// <item>Steps Δ = y(e) − y(e′) between consecutive logged epochs with finite, positive losses.</item>
/// <item>A step is <em>outlying</em> when it differs from the median m of its reference steps by more
/// than max(<see cref="Threshold"/> · s, <see cref="MinStep"/>), where s = 1.4826 · median |Δ − m| is a
/// robust standard deviation of the reference steps. The reference steps are the
/// <see cref="Window"/> steps before it — what the loss was doing until then — filled up with the
/// steps after it near the start of the log. Comparing with the median step rather than with zero
/// keeps a steady descent from counting; median and MAD ignore the few large steps of a jump that
/// spans several epochs.</item>
/// <item>Outlying steps of the same sign, with at most one ordinary step between them, form one jump,
/// from the epoch before its first step to the epoch of its last. It counts when its total change
/// |y(To) − y(From)| is at least <see cref="MinSize"/> decades.</item>
/// <item>The initial descent is not a jump: while the loss has fallen at every step since the first
/// logged epoch, falling steps are skipped (rising ones always count).</item>
/// <item>Each run of epochs whose loss is NaN or infinite is a jump of kind "diverged", from the last
/// finite epoch before it to its first epoch.</item>
/// </list>
/// </summary>
/// <param name="Window">Number of reference steps.</param>
/// <param name="Threshold">Robust standard deviations a step must lie away from the reference median.</param>
/// <param name="MinStep">Smallest outlying step, in decades (guards plateaus whose noise is almost zero).</param>
/// <param name="MinSize">Smallest total change of a jump, in decades (0.2: a factor 1.6).</param>
public sealed record LossJumpRule(int Window = 20, double Threshold = 5, double MinStep = 0.02, double MinSize = 0.2)
{
    /// <summary>The rule used by <c>scyfi trajectory</c>.</summary>
    public static LossJumpRule Default { get; } = new();

    /// <summary>Scale from a median absolute deviation to a standard deviation (normal data).</summary>
    public const double MadScale = 1.4826;

    /// <summary>The jumps of a log, by epoch.</summary>
    public IReadOnlyList<LossJump> Detect(IReadOnlyList<TrainingLogEntry> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Window < 1 || !(Threshold > 0) || !(MinStep >= 0) || !(MinSize >= 0)) throw new ArgumentException("invalid loss-jump rule", nameof(log));
        var rows = log.OrderBy(e => e.Epoch).ToArray();
        var jumps = new List<LossJump>();
        jumps.AddRange(Divergences(rows));

        // Steps between consecutive finite rows; a step across a divergence is not a step.
        var steps = new List<(int From, int To, double Delta)>();
        for (int i = 1; i < rows.Length; i++)
        {
            if (Usable(rows[i - 1].Loss) && Usable(rows[i].Loss))
                steps.Add((rows[i - 1].Epoch, rows[i].Epoch, Math.Log10(rows[i].Loss) - Math.Log10(rows[i - 1].Loss)));
        }
        var sign = new int[steps.Count];
        bool initialDescent = rows.Length > 0 && Usable(rows[0].Loss);
        for (int i = 0; i < steps.Count; i++)
        {
            double d = steps[i].Delta;
            if (initialDescent && (d >= 0 || (i > 0 && steps[i].From != steps[i - 1].To))) initialDescent = false;
            if (initialDescent) continue;
            var reference = new List<double>(Window);
            for (int j = Math.Max(0, i - Window); j < i; j++) reference.Add(steps[j].Delta);
            for (int j = i + 1; reference.Count < Window && j < steps.Count; j++) reference.Add(steps[j].Delta);
            if (reference.Count < 3) continue;
            double m = Median(reference);
            double s = MadScale * Median(reference.Select(x => Math.Abs(x - m)).ToList());
            if (Math.Abs(d - m) > Math.Max(Threshold * s, MinStep)) sign[i] = Math.Sign(d - m);
        }

        for (int i = 0; i < steps.Count; i++)
        {
            if (sign[i] == 0) continue;
            int last = i;
            // Extend over outlying steps of the same sign, allowing one ordinary step in between.
            for (int j = i + 1; j < steps.Count && j <= last + 2; j++)
            {
                if (steps[j].From != steps[j - 1].To) break;
                if (sign[j] == sign[i]) last = j;
                else if (sign[j] != 0) break;
            }
            double size = 0;
            int steepest = i;
            for (int j = i; j <= last; j++)
            {
                size += steps[j].Delta;
                if (sign[j] * steps[j].Delta > sign[steepest] * steps[steepest].Delta) steepest = j;
            }
            if (Math.Abs(size) >= MinSize && Math.Sign(size) == sign[i])
                jumps.Add(new LossJump(steps[steepest].To, steps[i].From, steps[last].To, size, size > 0 ? LossJump.Increase : LossJump.Decrease));
            i = last;
        }
        return jumps.OrderBy(j => j.From).ThenBy(j => j.To).ToList();
    }

    private static IEnumerable<LossJump> Divergences(TrainingLogEntry[] rows)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (double.IsFinite(rows[i].Loss)) continue;
            int from = i > 0 ? rows[i - 1].Epoch : rows[i].Epoch;
            yield return new LossJump(rows[i].Epoch, from, rows[i].Epoch, null, LossJump.Diverged);
            while (i + 1 < rows.Length && !double.IsFinite(rows[i + 1].Loss)) i++;
        }
    }

    /// <summary>A loss that has a logarithm (zero and negative losses are skipped, not jumps).</summary>
    private static bool Usable(double loss) => double.IsFinite(loss) && loss > 0;

    private static double Median(List<double> v)
    {
        v.Sort();
        int n = v.Count;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
