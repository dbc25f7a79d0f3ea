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
/// engine, warm-started inside the tile), writes the finished points to the result store every
/// few seconds, and finally persists completion, sends <see cref="TileAnalyzed"/> to the
/// coordinator and passivates. The store is the tile's checkpoint: if its node dies, sharding
/// restarts it elsewhere (remembered entity), it finds its finished points in the store and
/// computes only the rest. A finished tile answers every repeated request the same way.
/// </summary>
/// <remarks>
/// The points go to the store from here, not through the journal and the coordinator: a tile's
/// results are most of the bytes a sweep moves, and each extra copy (a journal row, a remoting
/// message, the coordinator's own write) cost CPU on machines that should be computing
/// (bench/results/cluster-profile.md).
/// </remarks>
public sealed class TileWorker : ReceivePersistentActor, IWithTimers
{
    /// <summary>How often finished points are written to the store while computing.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);

    private readonly IActorRef _coordinator;
    private readonly TileComputeGate _gate;
    private readonly TileAnalyzers _analyzers;
    private readonly ITilePointStore _store;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Points finished by the computation thread and not yet stored. The thread adds to the queue
    // directly instead of telling the actor per point: a message per point scheduled the actor's
    // mailbox on the thread pool thousands of times a second. The actor drains the queue on each
    // checkpoint tick and at the end.
    private readonly ConcurrentQueue<PointResult> _unsaved = new();
    // Points journalled by earlier versions (TileCheckpoint events): stored before resuming.
    private readonly Dictionary<int, PointResult> _journalled = [];
    private string? _sweepId;
    private int _tile;
    // The sweep's spec, grid and analyzer (shared with the node's other tiles of the sweep), set
    // when the tile is assigned or its assignment recovered.
    private TileAnalyzers.Entry? _sweep;
    private PointObject[] _warm = [];
    private int _attempts;
    private int _pointsDone;
    private bool _completed;
    private CancellationTokenSource? _computation;

    /// <summary>Creates the entity; results go to <paramref name="store"/>, news to the coordinator (a singleton proxy).</summary>
    public TileWorker(string entityId, IActorRef coordinator, TileComputeGate gate, TileAnalyzers analyzers, ITilePointStore store)
    {
        PersistenceId = "tile-" + entityId;
        _coordinator = coordinator;
        _gate = gate;
        _analyzers = analyzers;
        _store = store;

        Recover<TileAssigned>(Apply);
        Recover<TileComputationStarted>(Apply);
        Recover<TileCheckpoint>(e => { foreach (var p in e.Points) _journalled[p.Index] = p; });
        Recover<TileCompleted>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            // A remembered entity restarted after a crash resumes on its own.
            if (_sweep is not null && !_completed) Launch(resumed: true);
        });

        Command<AnalyzeTile>(OnAnalyze);
        // The computation got a compute slot and runs: only now is it an attempt (one more
        // computation of the tile). Tiles waiting for a slot are assigned, not computed, so a
        // crash does not count them twice however many are queued.
        Command<SlotEntered>(m =>
        {
            _pointsDone = m.PointsDone;
            Persist(new TileComputationStarted(_attempts + 1, m.PointsDone), Apply);
        });
        Command<Checkpoint>(_ => StoreUnsaved());
        Command<ComputationFinished>(m => Finish(m.Seconds));
        Command<ComputationFailed>(f =>
        {
            _log.Error(f.Error, "tile {0} of sweep {1} failed; restarting it", _tile, _sweepId);
            throw new InvalidOperationException($"tile {_tile} failed", f.Error);
        });
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <summary>
    /// A tile never saves a snapshot (its journal is a handful of events), so its recovery does not
    /// ask the snapshot store for one: a query, and a SQL statement built by linq2db, less per tile.
    /// </summary>
    public override Recovery Recovery { get; } = new(SnapshotSelectionCriteria.None);

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
        if (_sweep is not null)
        {
            // Already assigned: computing (or about to resume). Tell the coordinator it is alive.
            Sender.Tell(new TileInProgress(cmd.SweepId, cmd.Tile, _pointsDone, _gate.Slots));
            return;
        }
        var assigned = new TileAssigned(cmd.SweepId, cmd.Tile, null, cmd.WarmStart);
        Apply(assigned);
        // The answer tells the coordinator at once which node holds this tile's shard, so that it
        // places the next tiles by what each node has in flight (it learns nodes only from answers).
        var coordinator = Sender;
        Persist(assigned, _ =>
        {
            coordinator.Tell(new TileInProgress(cmd.SweepId, cmd.Tile, 0, _gate.Slots));
            Launch(resumed: false);
        });
    }

    /// <summary>
    /// Reads the tile's finished points from the store (when <paramref name="resumed"/>), waits for
    /// a compute slot of this node, then computes the rest on the slot's thread (or completes at
    /// once if none is left). Entering the slot is journalled (<see cref="SlotEntered"/>) while
    /// the computation already runs, so the write costs no time on the critical path.
    /// </summary>
    /// <param name="resumed">
    /// False for a tile assigned just now, with nothing in its journal: no computation of it has
    /// run, so the store holds none of its points (only this entity writes them before the grid
    /// is complete), and the read, a query per tile, is skipped. True after recovery, where a
    /// computation may have stored points, even before its start was journalled.
    /// </param>
    private void Launch(bool resumed)
    {
        StoreJournalled();
        var grid = _sweep!.Grid;
        var runner = new TileRunner(grid, _sweep.Analyzer);
        var warm = _warm;
        var self = Self;
        _computation = new CancellationTokenSource();
        var ct = _computation.Token;
        var gate = _gate;
        var store = _store;
        var unsaved = _unsaved;
        string sweepId = _sweepId!;
        int tile = _tile;
        Task.Run(async () =>
        {
            try
            {
                var points = grid.TilePoints(tile);
                var done = resumed ? store.ReadTilePoints(sweepId, tile) : [];
                if (done.Count == points.Length)
                {
                    // Stopped after its last checkpoint and before its completion was journalled
                    // (a crash in that window, which lasts one journal write): nothing is left to
                    // compute, so this is no new computation of the tile and takes no slot.
                    self.Tell(new ComputationFinished(0));
                    return;
                }
                await gate.RunAsync(() =>
                {
                    self.Tell(new SlotEntered(done.Count));
                    long started = System.Diagnostics.Stopwatch.GetTimestamp();
                    runner.Run(tile, done, unsaved.Enqueue, ct, warm);
                    // Told after the last Enqueue: the actor sees every point when it handles this.
                    self.Tell(new ComputationFinished(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds));
                }, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception ex)
            {
                self.Tell(new ComputationFailed(ex));
            }
        }, ct);
        Timers.StartPeriodicTimer("checkpoint", Checkpoint.Instance, CheckpointInterval);
    }

    /// <summary>
    /// Writes the points finished since the last checkpoint to the store. On the actor's thread,
    /// so that completion is journalled strictly after the last write; if the store fails, the
    /// entity restarts and resumes from what the store has.
    /// </summary>
    private void StoreUnsaved()
    {
        var batch = new List<PointResult>(_unsaved.Count);
        while (_unsaved.TryDequeue(out var p)) batch.Add(p);
        if (batch.Count == 0) return;
        _store.WritePoints(_sweepId!, _tile, batch);
        _pointsDone += batch.Count;
    }

    private void Finish(double computeSeconds)
    {
        Timers.Cancel("checkpoint");
        StoreUnsaved();
        Persist(new TileCompleted(_attempts), e =>
        {
            Apply(e);
            Reply(computeSeconds);
            Passivate();
        });
    }

    private void Reply(double computeSeconds = 0)
    {
        StoreJournalled();
        int points = _sweep!.Grid.TilePoints(_tile).Length;
        _coordinator.Tell(new TileAnalyzed(_sweepId!, _tile, points, _attempts, _gate.Slots, computeSeconds));
    }

    /// <summary>
    /// Points that an earlier version journalled (rare: a tile assigned before an upgrade) go to
    /// the store, where the tile's resumption and the coordinator now look for them.
    /// </summary>
    private void StoreJournalled()
    {
        if (_journalled.Count == 0) return;
        _store.WritePoints(_sweepId!, _tile, [.. _journalled.Values.OrderBy(p => p.Index)]);
        _journalled.Clear();
    }

    private void Passivate() => Context.Parent.Tell(new Passivate(PoisonPill.Instance));

    // The spec is in the sweep's row of the store (read once per sweep and node), or, for events
    // journalled by earlier versions, in the event.
    private void Apply(TileAssigned e)
    {
        _sweepId = e.SweepId;
        _tile = e.Tile;
        _sweep = e.SpecJson is { } specJson ? _analyzers.For(specJson) : _analyzers.ForSweep(e.SweepId, _store.ReadSpec);
        _warm = e.WarmStart ?? [];
    }

    private void Apply(TileComputationStarted e) => _attempts = e.Attempt;

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
    private sealed record SlotEntered(int PointsDone) : INoSerializationVerificationNeeded;
    private sealed record ComputationFinished(double Seconds) : INoSerializationVerificationNeeded;
    private sealed class Checkpoint : INoSerializationVerificationNeeded { public static readonly Checkpoint Instance = new(); }
}
