#!/usr/bin/env bash
# GT16: loss jumps and bifurcations along training, with and without generalised teacher forcing
# (science.md §8, experiments 1 and 2; issue 5, "Reproduce the paper's findings").
#
#   experiments/gt16-loss-jumps.sh            # about 5–10 minutes on 2 cores
#
# 1. Simulates GT16 (examples/gt16.json, the 2-D PLRNN with a stable 16-cycle): 5000 steps, noise
#    σ = 0.01, 100 transient steps dropped, seed 1.
# 2. Trains a 2-D PLRNN on it from seeds 1..10, each with α = 0 (--method bptt) and with α = 0.1
#    (--method gtf --alpha 0.1): 300 epochs of 50 batches of 16 windows of 50 steps, RAdam with
#    η = 5·10⁻³, a checkpoint every 5 epochs (61 per run). Windows of 50 rather than the default 200
#    and the larger step size make the runs short enough for this script: with windows of 200,
#    free-running BPTT stays at the fixed point of the data mean for the first 800 epochs.
# 3. Runs `scyfi trajectory RUN --max-order 16` on every run (objects up to order 16 at every
#    checkpoint, bifurcations between checkpoints, loss jumps, coincidences).
# 4. Tabulates per α: runs with loss jumps, jumps that coincide with a bifurcation, and the
#    bifurcation types crossed, into experiments/results/:
#      gt16-loss-jumps.md      the table (also in README.md)
#      gt16-runs.json          per run: jumps, bifurcations (epoch, type, order), coincidences
#      gt16-loss-bptt-seed<S>.png / gt16-diagram-bptt-seed<S>.png
#                              loss and bifurcation diagram of one α = 0 run whose jump coincides
#                              with bifurcations (the first seed with one)
# The runs (checkpoints, logs, per-run plots) stay in $WORK (default: a fresh temporary folder).
# Everything is seeded, so a rerun on the same machine gives the same table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${WORK:-$(mktemp -d -t scyfi-gt16-XXXXXX)}"
results="$root/experiments/results"
seeds=(1 2 3 4 5 6 7 8 9 10)
epochs=300 seq_len=50 lr=5e-3 every=5 max_order=16
mkdir -p "$work" "$results"
start=$SECONDS
echo "gt16-loss-jumps: runs in $work" >&2

./scyfi simulate examples/gt16.json --steps 5000 --noise 0.01 --transient 100 --seed 1 --out "$work/gt16.csv" >&2

train() {  # train NAME SEED METHOD-ARGS…
  local name=$1 seed=$2; shift 2
  ./scyfi train "$work/gt16.csv" --model plrnn --latent 2 --epochs $epochs --seq-len $seq_len --lr $lr \
    --checkpoint-every $every --seed "$seed" "$@" --out "$work/$name" --overwrite > "$work/$name.train.txt"
}
for seed in "${seeds[@]}"; do
  # Training is single-threaded: the two methods of a seed train side by side, then the trajectory
  # analyses run one after the other on both cores.
  train "bptt-seed$seed" "$seed" --method bptt &
  train "gtf-seed$seed" "$seed" --method gtf --alpha 0.1 &
  wait
  for method in bptt gtf; do
    ./scyfi trajectory "$work/$method-seed$seed" --max-order $max_order > "$work/$method-seed$seed.trajectory.txt"
    echo "  $method seed $seed: $(grep -c . "$work/$method-seed$seed/log.csv") log rows, $(head -1 "$work/$method-seed$seed.trajectory.txt")" >&2
  done
done

python3 - "$work" "$results" "${seeds[@]}" <<'PY'
import json, os, shutil, sys
work, results, seeds = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
types = ["border-collision", "border-collision-fold", "degenerate-transcritical", "degenerate-flip", "degenerate-neimark-sacker", "stability-change"]
runs = []
for method, alpha in (("bptt", 0.0), ("gtf", 0.1)):
    for seed in seeds:
        t = json.load(open(os.path.join(work, f"{method}-seed{seed}", "trajectory.json")))
        final = t["checkpoints"][-1]
        runs.append({
            "method": method, "alpha": alpha, "seed": seed,
            "finalLoss": None,
            "finalRegime": final["regime"],
            "jumps": t["jumps"],
            "bifurcations": [{"epoch": round(b["epoch"], 3), "type": b["type"], "order": b["order"],
                              "change": b["detail"]["change"]} for b in t["bifurcations"]],
            "coincidences": [{"jumpEpoch": c["jumpEpoch"], "from": c["from"], "to": c["to"],
                              "bifurcations": [{"epoch": round(b["epoch"], 3), "type": b["type"], "order": b["order"]} for b in c["bifurcations"]]}
                             for c in t["coincidences"]],
            "checkpointsPerSecond": t["stats"]["checkpointsPerSecond"],
        })
        with open(os.path.join(work, f"{method}-seed{seed}", "log.csv")) as f:
            rows = [l.split(",") for l in f.read().split("\n")[1:] if l]
        runs[-1]["finalLoss"] = float(rows[-1][1])

def count(rs, pred): return sum(1 for r in rs if pred(r))
def types_of(bifs): return {ty: sum(1 for b in bifs if b["type"] == ty) for ty in types}
lines = []
lines.append("| | α = 0 (BPTT) | α = 0.1 (GTF) |")
lines.append("|---|---:|---:|")
groups = {a: [r for r in runs if r["alpha"] == a] for a in (0.0, 0.1)}
def row(label, f): lines.append(f"| {label} | {f(groups[0.0])} | {f(groups[0.1])} |")
row("runs", len)
row("runs with a loss jump", lambda rs: count(rs, lambda r: len(r["jumps"]) > 0))
row("loss jumps (up / down / diverged)", lambda rs: "{} ({} / {} / {})".format(
    sum(len(r["jumps"]) for r in rs),
    sum(1 for r in rs for j in r["jumps"] if j["kind"] == "increase"),
    sum(1 for r in rs for j in r["jumps"] if j["kind"] == "decrease"),
    sum(1 for r in rs for j in r["jumps"] if j["kind"] == "diverged")))
row("jumps that coincide with a bifurcation", lambda rs: "{} of {}".format(
    sum(1 for r in rs for c in r["coincidences"] if c["bifurcations"]), sum(len(r["jumps"]) for r in rs)))
row("median epoch of the jumps", lambda rs: (lambda e: "–" if not e else str(sorted(e)[len(e) // 2]))([j["epoch"] for r in rs for j in r["jumps"]]))
row("runs with any bifurcation", lambda rs: count(rs, lambda r: len(r["bifurcations"]) > 0))
for ty in types:
    row(f"`{ty}`: events (runs)", lambda rs, ty=ty: "{} ({})".format(
        sum(1 for r in rs for b in r["bifurcations"] if b["type"] == ty),
        count(rs, lambda r: any(b["type"] == ty for b in r["bifurcations"]))))
for ty in types:
    row(f"`{ty}` within a jump's window", lambda rs, ty=ty: sum(1 for r in rs for c in r["coincidences"] for b in c["bifurcations"] if b["type"] == ty))
row("final loss, median", lambda rs: "{:.2g}".format(sorted(r["finalLoss"] for r in rs)[len(rs) // 2]))
row("runs whose last checkpoint has a stable object (order ≤ 16)", lambda rs: count(rs, lambda r: r["finalRegime"].startswith("stable")))

per_run = ["| α | seed | jumps (epochs: size in decades) | bifurcations (epoch type order) | coinciding |", "|---|---:|---|---|---|"]
for r in runs:
    jumps = "; ".join(f"{j['from']}–{j['to']}: {j['size']:+.2f}" if j["size"] is not None else f"{j['from']}–{j['to']}: diverged" for j in r["jumps"]) or "–"
    bifs = "; ".join(f"{b['epoch']:.1f} {b['type']} {b['order']}" for b in r["bifurcations"]) or "–"
    coin = "; ".join(", ".join(f"{b['type']} {b['order']}" for b in c["bifurcations"]) or "none" for c in r["coincidences"]) or "–"
    per_run.append(f"| {r['alpha']} | {r['seed']} | {jumps} | {bifs} | {coin} |")

with open(os.path.join(results, "gt16-loss-jumps.md"), "w") as f:
    f.write("# GT16: loss jumps and bifurcations along training\n\n")
    f.write("Written by `experiments/gt16-loss-jumps.sh` (2-D PLRNNs trained on GT16 data, seeds 1–10, "
            "300 epochs, windows of 50, RAdam η = 5·10⁻³, checkpoints every 5 epochs, objects to order 16).\n\n")
    f.write("\n".join(lines) + "\n\n## Per run\n\n" + "\n".join(per_run) + "\n")
with open(os.path.join(results, "gt16-runs.json"), "w") as f:
    json.dump(runs, f, indent=1)
rep = next((r for r in runs if r["alpha"] == 0.0 and any(c["bifurcations"] for c in r["coincidences"])), None)
if rep is not None:
    for kind in ("loss", "diagram"):
        shutil.copy(os.path.join(work, f"bptt-seed{rep['seed']}", f"{kind}.png"), os.path.join(results, f"gt16-{kind}-bptt-seed{rep['seed']}.png"))
print("\n".join(lines))
PY
echo "gt16-loss-jumps: done in $((SECONDS - start)) s; results in $results, runs in $work" >&2
