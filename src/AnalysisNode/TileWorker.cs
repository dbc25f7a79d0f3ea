using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.AnalysisNode;

/// <summary>
/// One tile of one sweep, as a sharded persistent entity. On <see cref="AnalyzeTile"/> it
/// persists the assignment, computes the tile's points on a background thread (the core sweep
/// engine, warm-started inside the tile), persists a checkpoint of the finished points every few
/// seconds, and finally persists completion, sends <see cref="TileAnalyzed"/> to the coordinator
/// and passivates. If its node dies, sharding restarts it elsewhere (remembered entity); it
/// replays its checkpoints and resumes with the first unfinished point. A finished tile answers
/// every repeated request with the same result.
/// </summary>
public sealed class TileWorker : ReceivePersistentActor, IWithTimers
{
    /// <summary>How often finished points are persisted while computing.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);

    private readonly IActorRef _coordinator;
    private readonly TileComputeGate _gate;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<int, PointResult> _done = [];
    // Points finished by the computation thread and not yet journalled. The thread adds to the
    // queue directly instead of telling the actor per point: a message per point scheduled the
    // actor's mailbox on the thread pool thousands of times a second. The actor drains the queue
    // on each checkpoint tick and at the end.
    private readonly ConcurrentQueue<PointResult> _unsaved = new();
    private string? _sweepId;
    private int _tile;
    private string? _specJson;
    private int _attempts;
    private bool _completed;
    private CancellationTokenSource? _computation;

    /// <summary>Creates the entity; results go to the coordinator (a singleton proxy).</summary>
    public TileWorker(string entityId, IActorRef coordinator, TileComputeGate gate)
    {
        PersistenceId = "tile-" + entityId;
        _coordinator = coordinator;
        _gate = gate;

        Recover<TileAssigned>(Apply);
        Recover<TileComputationStarted>(Apply);
        Recover<TileCheckpoint>(Apply);
        Recover<TileCompleted>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            // A remembered entity restarted after a crash resumes on its own.
            if (_specJson is not null && !_completed) Launch();
        });

        Command<AnalyzeTile>(OnAnalyze);
        // The computation got a compute slot and runs: only now is it an attempt (one more
        // computation of the tile). Tiles waiting for a slot are assigned, not computed, so a
        // crash does not count them twice however many are queued.
        Command<SlotEntered>(_ => Persist(new TileComputationStarted(_attempts + 1, _done.Count), Apply));
        Command<Checkpoint>(_ => SaveCheckpoint());
        Command<ComputationFinished>(_ => Finish());
        Command<ComputationFailed>(f =>
        {
            _log.Error(f.Error, "tile {0} of sweep {1} failed; restarting it", _tile, _sweepId);
            throw new InvalidOperationException($"tile {_tile} failed", f.Error);
        });
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    private void OnAnalyze(AnalyzeTile cmd)
    {
        if (_completed)
        {
            Reply();
            Passivate();
            return;
        }
        if (_specJson is not null)
        {
            // Already assigned: computing (or about to resume). Tell the coordinator it is alive.
            Sender.Tell(new TileInProgress(cmd.SweepId, cmd.Tile, _done.Count));
            return;
        }
        var assigned = new TileAssigned(cmd.SweepId, cmd.Tile, cmd.SpecJson, cmd.WarmStart);
        Apply(assigned);
        Persist(assigned, _ => Launch());
    }

    /// <summary>
    /// Waits for a compute slot of this node, then computes the unfinished points on a thread of
    /// its own. Entering the slot is journalled (<see cref="SlotEntered"/>) while the computation
    /// already runs, so the write costs no time on the critical path.
    /// </summary>
    private void Launch()
    {
        var spec = SweepSpec.Parse(_specJson!);
        var grid = new SweepGrid(spec);
        var runner = new TileRunner(grid, new PointAnalyzer(spec));
        var done = _done.Values.ToList();
        var warm = _warm;
        var self = Self;
        _computation = new CancellationTokenSource();
        var ct = _computation.Token;
        var gate = _gate;
        var unsaved = _unsaved;
        int tile = _tile;
        Task.Run(async () =>
        {
            try
            {
                using var slot = await gate.EnterAsync(ct).ConfigureAwait(false);
                self.Tell(SlotEntered.Instance);
                // The computation itself is long and CPU-bound: give it a thread of its own.
                await Task.Factory.StartNew(() => runner.Run(tile, done, unsaved.Enqueue, ct, warm),
                    ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                // Told after the last Enqueue: the actor sees every point when it handles this.
                self.Tell(ComputationFinished.Instance);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception ex)
            {
                self.Tell(new ComputationFailed(ex));
            }
        }, ct);
        Timers.StartPeriodicTimer("checkpoint", Checkpoint.Instance, CheckpointInterval);
    }

    private void SaveCheckpoint()
    {
        var batch = DrainUnsaved();
        if (batch.Length > 0) Persist(new TileCheckpoint(batch), Apply);
    }

    private PointResult[] DrainUnsaved()
    {
        var batch = new List<PointResult>(_unsaved.Count);
        while (_unsaved.TryDequeue(out var p)) batch.Add(p);
        return batch.ToArray();
    }

    private void Finish()
    {
        Timers.Cancel("checkpoint");
        // The last points and the completion go to the journal in one write.
        var events = new List<IScyfiMessage>();
        var last = DrainUnsaved();
        if (last.Length > 0) events.Add(new TileCheckpoint(last));
        events.Add(new TileCompleted(_attempts));
        PersistAll(events, e =>
        {
            switch (e)
            {
                case TileCheckpoint c: Apply(c); break;
                case TileCompleted c:
                    Apply(c);
                    Reply();
                    Passivate();
                    break;
            }
        });
    }

    private void Reply()
    {
        var points = _done.Values.OrderBy(p => p.Index).ToArray();
        _coordinator.Tell(new TileAnalyzed(_sweepId!, _tile, points, _attempts));
    }

    private void Passivate() => Context.Parent.Tell(new Passivate(PoisonPill.Instance));

    private PointObject[] _warm = [];

    private void Apply(TileAssigned e)
    {
        _sweepId = e.SweepId;
        _tile = e.Tile;
        _specJson = e.SpecJson;
        _warm = e.WarmStart ?? [];
    }

    private void Apply(TileComputationStarted e) => _attempts = e.Attempt;

    private void Apply(TileCheckpoint e)
    {
        foreach (var p in e.Points) _done[p.Index] = p;
    }

    private void Apply(TileCompleted e)
    {
        _completed = true;
        _attempts = e.Computations;
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _computation?.Cancel();
        _computation?.Dispose();
        base.PostStop();
    }

    // Messages to itself only: never leave the process, so they are exempt from serialize-messages.
    private sealed record ComputationFailed(Exception Error) : INoSerializationVerificationNeeded;
    private sealed class ComputationFinished : INoSerializationVerificationNeeded { public static readonly ComputationFinished Instance = new(); }
    private sealed class Checkpoint : INoSerializationVerificationNeeded { public static readonly Checkpoint Instance = new(); }
    private sealed class SlotEntered : INoSerializationVerificationNeeded { public static readonly SlotEntered Instance = new(); }
}
