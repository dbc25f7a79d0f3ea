#!/usr/bin/env bash
# Cold start: what a user gets from one `scyfi sweep` process (embedded cluster, SQLite, a runtime
# starting from scratch) against the in-process engine in a fresh process of its own, on the same
# grid (SPEC, default the README's examples/oneswitch-sweep.json; 2 threads, edge refinement).
# Each round runs, in this order:
#   engine       Scyfi.SweepBench engine SPEC 2 edges                     (fresh process)
#   precompiled  ./scyfi's build: published ReadyToRun                    (fresh process, fresh store)
#   JIT          the same code from a plain `dotnet build` (every method JIT-compiled, as before)
# Per run: the sweep itself (engine: its run; scyfi: submission to completion, as it prints it), the
# whole process (start to exit: start-up, exports, shutdown included) and its CPU. The best run of
# each configuration is reported, and every round's whole-process seconds. One more run of each
# build counts the methods the JIT compiled (DOTNET_JitStdOutFile), a figure free of machine noise.
#
#   bench/scripts/cold.sh [SPEC]     (ROUNDS=5 by default, about 4 minutes on 2 cores for the README sweep)
#
# Output: bench/results/sweep-cold.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rounds="${ROUNDS:-5}"
spec="$(realpath "${1:-examples/oneswitch-sweep.json}")"
./scyfi --version >/dev/null
r2r="$root/src/Coordinator/bin/launcher/scyfi.dll"
dotnet build -c Release src/Coordinator -v q -nologo >/dev/null
jit="$root/src/Coordinator/bin/Release/net10.0/scyfi.dll"
dotnet build -c Release bench/Scyfi.SweepBench -v q -nologo >/dev/null
bench="$root/bench/Scyfi.SweepBench/bin/Release/net10.0/Scyfi.SweepBench.dll"
work="$(mktemp -d -t scyfi-cold-XXXXXX)"
trap 'rm -rf "$work"' EXIT

timed() {  # timed OUT CMD...: runs CMD, stdout to OUT; prints "wall cpu" of the process
  local out=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$out" 2>/dev/null
  tail -1 "$work/time" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}
engine() {  # prints "sweep wall cpu"
  local t; t=$(timed "$work/engine.out" dotnet "$bench" engine "$spec" 2 edges)
  echo "$(sed -n 's/.*thread(s), \([0-9.]*\) s .*/\1/p' "$work/engine.out") $t"
}
cluster() {  # cluster DLL [ENV...]: prints "sweep wall cpu"
  local dll=$1; shift
  rm -rf "$work/store.db"* "$work/out"
  local t; t=$(timed "$work/cluster.out" env "$@" dotnet "$dll" sweep "$spec" --out "$work/out" --store "$work/store.db")
  echo "$(sed -n 's/.* points in \([0-9.]*\) s .*/\1/p' "$work/cluster.out") $t"
}

declare -a E C D
for r in $(seq "$rounds"); do
  E[r]=$(engine); C[r]=$(cluster "$r2r" A=1); D[r]=$(cluster "$jit" A=1)
  echo "round $r: engine ${E[r]} | precompiled ${C[r]} | JIT ${D[r]}" >&2
done
jitted() {  # jitted DLL: methods the JIT compiled in one run
  rm -f "$work/jit.txt"; cluster "$1" DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$work/jit.txt" >/dev/null
  wc -l < "$work/jit.txt"
}
jit_r2r=$(jitted "$r2r"); jit_jit=$(jitted "$jit")

best() {  # best NAME: the run (of array NAME) with the shortest sweep
  local -n a=$1; printf '%s\n' "${a[@]}" | sort -n | head -1
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
read -r es ew ec < <(best E); read -r cs cw cc < <(best C); read -r ds dw dc < <(best D)
out=bench/results/sweep-cold.md
{
  echo "\`bench/scripts/cold.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD): one fresh process per run, ${spec#"$root"/}, 2 threads, edge refinement; best of $rounds rounds."
  echo
  echo "| run | sweep, s | ratio | whole process, s | ratio | process CPU, s | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  echo "| in-process engine (\`Scyfi.SweepBench engine\`) | $es | 1.00 | $ew | 1.00 | $ec | 1.00 |"
  echo "| \`./scyfi sweep\` (embedded cluster, SQLite; precompiled) | $cs | $(ratio "$cs" "$es") | $cw | $(ratio "$cw" "$ew") | $cc | $(ratio "$cc" "$ec") |"
  echo "| the same from a plain build (JIT only) | $ds | $(ratio "$ds" "$es") | $dw | $(ratio "$dw" "$ew") | $dc | $(ratio "$dc" "$ec") |"
  echo
  echo "Methods JIT-compiled in one \`scyfi sweep\` process: $jit_r2r precompiled, $jit_jit from the plain build."
  echo
  echo "Sweep: the engine's run, and for \`scyfi sweep\` submission to completion as it prints it. Whole process: start to exit (\`scyfi sweep\` also starts and stops the cluster and writes points.csv, bifurcations.json and the maps). Every round, whole-process seconds (ratio to that round's engine):"
  echo
  echo "| round | engine | precompiled | JIT |"
  echo "|---:|---:|---:|---:|"
  for r in $(seq "$rounds"); do
    read -r _ e _ <<< "${E[r]}"; read -r _ c _ <<< "${C[r]}"; read -r _ d _ <<< "${D[r]}"
    echo "| $r | $e | $c ($(ratio "$c" "$e")) | $d ($(ratio "$d" "$e")) |"
  done
} > "$out"
cat "$out"
