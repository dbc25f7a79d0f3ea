using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using Scyfi.Coordinator.Store;
using Scyfi.Core.Sweeps;
using Scyfi.Messages;

namespace Scyfi.Coordinator.Cluster;

/// <summary>
/// The cluster singleton that runs sweeps. Event-sourced (with snapshots): it persists each
/// submitted spec and each tile result exactly once (a bitmap per sweep decides; duplicates and
/// results for cancelled sweeps change nothing). It keeps a bounded number of tiles in flight per
/// worker node, sends each new tile the objects found in its finished neighbours (warm start
/// across tiles), re-sends tiles nobody answered for, and when the grid is complete runs grid
/// continuation and bifurcation detection/refinement in the background and writes the results.
/// Point results go to the <see cref="SweepStore"/>, not into the actor's state, so memory does
/// not grow with the number of finished tiles.
/// </summary>
public sealed class SweepCoordinator : ReceivePersistentActor, IWithTimers
{
    /// <summary>Persistence id of the singleton.</summary>
    public const string Id = "scyfi-sweep-coordinator";
    /// <summary>A tile not heard of for this long is sent again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(12);
    private const int SnapshotEvery = 200;
    /// <summary>Shortest interval between two writes of a sweep's row in the store while tiles come in.</summary>
    private static readonly TimeSpan StoreRowInterval = TimeSpan.FromSeconds(1);
    private const int MaxWarmObjects = 64;

    private readonly IActorRef _tiles;
    private readonly SweepStore _store;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CoordinatedShutdown _shutdown = CoordinatedShutdown.Get(Context.System);
    private readonly Dictionary<string, SweepState> _sweeps = [];
    private readonly TileHomes _homes = new();
    private int _eventsSinceSnapshot;

    /// <summary>Creates the coordinator.</summary>
    public SweepCoordinator(IActorRef tileRegion, SweepStore store)
    {
        _tiles = tileRegion;
        _store = store;

        Recover<SnapshotOffer>(o =>
        {
            if (o.Snapshot is CoordinatorSnapshot s)
                foreach (var r in s.Sweeps) _sweeps[r.Id] = SweepState.From(r);
        });
        Recover<SweepSubmitted>(Apply);
        Recover<TileRecorded>(Apply);
        Recover<TilesPlaced>(Apply);
        Recover<SweepFinished>(Apply);
        Recover<SweepStopped>(Apply);
        Recover<SweepRestarted>(Apply);
        Recover<SweepFailed>(Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            foreach (var s in _sweeps.Values.Where(s => s.State == "running"))
            {
                _log.Info("resuming sweep {0}: {1}/{2} tiles recorded", s.Id, s.TilesDone, s.TilesTotal);
                // The row is written right after the submission is journalled; a crash in between
                // left none, and restarted tile entities read the spec from it.
                try { InsertRow(s); }
                catch (Exception e) { _log.Warning("could not write the read model of sweep {0}: {1}", s.Id, e.Message); }
                if (s.AllDone) StartAnalysis(s); else Dispatch(s);
            }
        });

        Command<SubmitSweep>(OnSubmit);
        Command<TileAnalyzed>(OnTileAnalyzed);
        Command<TileInProgress>(m =>
        {
            LearnHome(m.SweepId, m.Tile, m.Slots, 0);
            if (_sweeps.TryGetValue(m.SweepId, out var s) && s.InFlight.ContainsKey(m.Tile)) s.InFlight[m.Tile] = DateTime.UtcNow;
        });
        Command<GetSweepStatus>(m => Sender.Tell(new SweepStatusReply(_sweeps.Values
            .Where(s => m.SweepId is null || s.Id == m.SweepId).Select(s => s.Status()).ToArray())));
        Command<CancelSweep>(OnCancel);
        Command<ResumeSweep>(OnResume);
        Command<AnalysisDone>(OnAnalysisDone);
        Command<AnalysisFailed>(m =>
        {
            if (!_sweeps.TryGetValue(m.SweepId, out var s)) return;
            s.Analysing = false;
            Persist(new SweepFailed(m.SweepId, m.Reason), e => { Apply(e); UpdateStore(s); });
        });
        Command<ClusterEvent.IMemberEvent>(_ => CountWorkers());
        Command<ClusterEvent.CurrentClusterState>(_ => CountWorkers());
        Command<Tick>(_ => OnTick());
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("coordinator snapshot failed: {0}", f.Cause.Message));
    }

    /// <inheritdoc/>
    public override string PersistenceId => Id;

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc/>
    protected override void PreStart()
    {
        base.PreStart();
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        // Counters not yet written (at most StoreRowInterval behind) go to the row now, so that
        // `scyfi status` after a Ctrl-C or a hand-over shows the tiles the journal holds.
        foreach (var s in _sweeps.Values.Where(s => s.StoreBehind)) UpdateStore(s);
        base.PostStop();
    }

    private void OnSubmit(SubmitSweep m)
    {
        if (_sweeps.TryGetValue(m.SweepId, out var existing))
        {
            Sender.Tell(new SweepAccepted(m.SweepId, existing.TilesTotal));
            return;
        }
        SweepSpec spec;
        try { spec = SweepSpec.Parse(m.SpecJson); }
        catch (Exception e)
        {
            Sender.Tell(new SweepRejected(m.SweepId, e.Message));
            return;
        }
        var grid = new SweepGrid(spec);
        var sender = Sender;
        Persist(new SweepSubmitted(m.SweepId, m.SpecJson, m.Refine, m.AdaptiveDepth, Math.Max(1, m.MaxInFlightPerNode), grid.TileCount, grid.PointCount, DateTime.UtcNow, PlacesTiles: true), e =>
        {
            Apply(e);
            var s = _sweeps[e.SweepId];
            InsertRow(s);
            sender.Tell(new SweepAccepted(e.SweepId, e.TilesTotal));
            _log.Info("sweep {0} submitted: {1} points in {2} tiles", e.SweepId, e.PointsTotal, e.TilesTotal);
            Dispatch(s);
        });
    }

    private void OnTileAnalyzed(TileAnalyzed m)
    {
        LearnHome(m.SweepId, m.Tile, m.Slots, m.ComputeSeconds);
        if (!_sweeps.TryGetValue(m.SweepId, out var s) || s.State != "running")
        {
            _log.Debug("ignoring a result for tile {0} of {1} sweep {2}", m.Tile, s?.State ?? "unknown", m.SweepId);
            return;
        }
        s.InFlight.Remove(m.Tile);
        if (m.Tile < 0 || m.Tile >= s.TilesTotal || s.IsDone(m.Tile)) return;   // duplicate or foreign
        if (m.Points != s.Grid.TilePoints(m.Tile).Length)
        {
            _log.Warning("tile {0} of sweep {1} came back with {2} points; asking again", m.Tile, m.SweepId, m.Points);
            return;
        }
        // The worker stored the points before it sent this (store first, then record): a crash
        // in between re-records the same data, never loses it.
        Persist(new TileRecorded(m.SweepId, m.Tile, m.Points, m.Computations), e =>
        {
            Apply(e);
            // For observers (the dashboard): which node computed the tile. Local only, never persisted.
            Context.System.EventStream.Publish(new TileRecordedNotice(m.SweepId, m.Tile, m.Points, m.Computations, Sender.Path.Address));
            UpdateStoreSoon(s);
            MaybeSnapshot();
            if (s.AllDone) StartAnalysis(s); else Dispatch(s);
        });
    }

    private void OnCancel(CancelSweep m)
    {
        if (!_sweeps.TryGetValue(m.SweepId, out var s)) { Sender.Tell(new SweepCommandAck(m.SweepId, "unknown")); return; }
        if (s.State != "running") { Sender.Tell(new SweepCommandAck(m.SweepId, s.State)); return; }
        var sender = Sender;
        Persist(new SweepStopped(m.SweepId), e => { Apply(e); UpdateStore(s); sender.Tell(new SweepCommandAck(m.SweepId, s.State)); });
    }

    private void OnResume(ResumeSweep m)
    {
        if (!_sweeps.TryGetValue(m.SweepId, out var s)) { Sender.Tell(new SweepCommandAck(m.SweepId, "unknown")); return; }
        if (s.State is "running" or "completed") { Sender.Tell(new SweepCommandAck(m.SweepId, s.State)); if (s.State == "running") Dispatch(s); return; }
        var sender = Sender;
        Persist(new SweepRestarted(m.SweepId), e =>
        {
            Apply(e);
            UpdateStore(s);
            sender.Tell(new SweepCommandAck(m.SweepId, s.State));
            if (s.AllDone) StartAnalysis(s); else Dispatch(s);
        });
    }

    private void OnTick()
    {
        var now = DateTime.UtcNow;
        // Running sweeps are written on every tick even without news: the row's `updated` is the
        // coordinator's heartbeat, by which `scyfi status` tells an interrupted sweep (nobody
        // computing it any more) from a running one.
        foreach (var s in _sweeps.Values.Where(s => s.StoreBehind || s.State == "running")) UpdateStore(s);
        foreach (var s in _sweeps.Values.Where(s => s.State == "running" && !s.Analysing && !Leaving))
        {
            foreach (var (tile, last) in s.InFlight.ToList())
            {
                if (now - last < RetryAfter) continue;
                s.Retries++;
                s.InFlight[tile] = now;
                _log.Info("tile {0} of sweep {1} silent for {2:F0} s: sending it again", tile, s.Id, (now - last).TotalSeconds);
                _tiles.Tell(new AnalyzeTile(s.Id, tile, WarmStart(s, tile), s.MessageShard(tile)));
                Context.System.EventStream.Publish(new TileRetriedNotice(s.Id, tile, (now - last).TotalSeconds));
            }
            Dispatch(s);
        }
    }

    /// <summary>
    /// True once this member has begun to shut down (Ctrl-C, SIGTERM, leaving the cluster). No
    /// tile is sent then: a tile for a shard not yet allocated stays buffered in this member's
    /// shard region, which is handing its shards off and cannot get a home for it, so the region's
    /// shutdown waited out its 10 s timeout and dropped it. The tiles not sent are sent by the
    /// coordinator's next incarnation (the resume, or the singleton on another member).
    /// </summary>
    private bool Leaving => _shutdown.ShutdownReason is not null;

    /// <summary>
    /// Sends the tiles <see cref="TileDispatch"/> chooses: a bounded number in flight per worker
    /// node. Tiles placed in a shard just now are journalled first (<see cref="TilesPlaced"/>) and
    /// sent once that is written: a tile must keep its entity across a crash of this coordinator,
    /// since the entity may still be computing it.
    /// </summary>
    private void Dispatch(SweepState s)
    {
        if (s.State != "running" || s.Analysing || Leaving) return;
        var sends = TileDispatch.Choose(s, _homes);
        if (sends.Count == 0) return;
        var now = DateTime.UtcNow;
        foreach (var t in sends) s.InFlight[t.Tile] = now;
        var placed = sends.Where(t => t.NewlyPlaced).ToArray();
        if (placed.Length == 0) { Send(s, sends); return; }
        var e = new TilesPlaced(s.Id, [.. placed.Select(t => t.Tile)], [.. placed.Select(t => t.Shard)]);
        // Applied at once, so that nothing places these tiles again before the event is written
        // (commands wait meanwhile; a failed write stops this actor, which recovers from the journal).
        Apply(e);
        Persist(e, _ => { Send(s, sends); MaybeSnapshot(); });
    }

    private void Send(SweepState s, List<TileSend> sends)
    {
        foreach (var t in sends) _tiles.Tell(new AnalyzeTile(s.Id, t.Tile, WarmStart(s, t.Tile), t.Shard));
    }

    /// <summary>
    /// Learns the node of the shard of a tile that answered (before the tile is recorded, which
    /// forgets its placement), and the node's slots and pace.
    /// </summary>
    private void LearnHome(string sweepId, int tile, int slots, double computeSeconds)
    {
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
        if (_homes.NodeOf(Sender.Path.Address, self) is not { } node) return;
        _homes.LearnSlots(node, slots);
        if (!_sweeps.TryGetValue(sweepId, out var s)) return;
        s.LearnPace(node, computeSeconds);
        _homes.Learn(TileDispatch.FixedShard(s, _homes, tile) ?? -1, node, self);
    }

    /// <summary>Objects of finished neighbouring tiles, read from the points along the shared edges.</summary>
    private PointObject[] WarmStart(SweepState s, int tile)
    {
        var grid = s.Grid;
        var mine = grid.TilePoints(tile).ToHashSet();
        var edge = new HashSet<int>();
        foreach (int p in mine)
            foreach (int q in grid.Neighbours(p))
                if (!mine.Contains(q) && s.IsDone(grid.TileOf(q))) edge.Add(q);
        if (edge.Count == 0) return [];
        var objects = new List<PointObject>();
        var tiles = edge.Select(grid.TileOf).ToHashSet();
        foreach (var p in _store.ReadTilePoints(s.Id, tiles, edge.Contains))
            foreach (var o in p.Objects)
                if (!objects.Any(x => x.SameItinerary(o))) objects.Add(o);
        return objects.Take(MaxWarmObjects).ToArray();
    }

    private void StartAnalysis(SweepState s)
    {
        if (s.Analysing) return;
        s.Analysing = true;
        UpdateStore(s);
        var self = Self;
        var store = _store;
        string id = s.Id, specJson = s.SpecJson, refine = s.Refine;
        int depth = s.AdaptiveDepth;
        var started = s.Started;
        _log.Info("sweep {0}: all {1} tiles in; running continuation and bifurcation analysis", id, s.TilesTotal);
        Task.Run(() => SweepAnalysisJob.Run(store, id, specJson, refine, depth, started))
            .PipeTo(self, success: r => r, failure: e => new AnalysisFailed(id, e.GetBaseException().Message));
    }

    private void OnAnalysisDone(AnalysisDone m)
    {
        if (!_sweeps.TryGetValue(m.SweepId, out var s)) return;
        s.Analysing = false;
        if (s.State != "running") return;
        Persist(new SweepFinished(m.SweepId, m.Bifurcations), e =>
        {
            Apply(e);
            UpdateStore(s, m.StatsJson);
            _log.Info("sweep {0} completed: {1} bifurcations", m.SweepId, m.Bifurcations);
        });
    }

    private void CountWorkers()
    {
        var state = Akka.Cluster.Cluster.Get(Context.System).State;
        _homes.SetWorkers(state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole("worker")).Select(m => m.Address));
        foreach (var s in _sweeps.Values) Dispatch(s);
    }

    /// <summary>The sweep's row in the store's read model, with its spec; kept if it exists.</summary>
    private void InsertRow(SweepState s)
    {
        var now = DateTimeOffset.UtcNow;
        _store.InsertSweep(new SweepRow(s.Id, s.SpecJson, s.Refine, s.AdaptiveDepth, "running", s.TilesTotal, 0, 0, s.PointsTotal, 0, 0, null, null, now, now));
    }

    /// <summary>
    /// The store's row (what status and the dashboard read) after a tile: at most once per
    /// <see cref="StoreRowInterval"/>, the rest on the next tick. Every tile's points are already
    /// in the store; only the counters lag, and writing them per tile costs a transaction per tile
    /// on the one SQLite writer the journal also needs.
    /// </summary>
    private void UpdateStoreSoon(SweepState s)
    {
        if (DateTime.UtcNow - s.StoreUpdated >= StoreRowInterval) UpdateStore(s);
        else s.StoreBehind = true;
    }

    private void UpdateStore(SweepState s, string? statsJson = null)
    {
        s.StoreUpdated = DateTime.UtcNow;
        s.StoreBehind = false;
        try { _store.UpdateSweep(s.Id, s.Analysing && s.State == "running" ? "analysing" : s.State, s.TilesDone, s.TilesComputed, s.PointsDone, s.Retries, s.Message, statsJson); }
        catch (Exception e) { _log.Warning("could not update the read model of sweep {0}: {1}", s.Id, e.Message); }
    }

    private void MaybeSnapshot()
    {
        if (++_eventsSinceSnapshot < SnapshotEvery) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(new CoordinatorSnapshot(_sweeps.Values.Select(s => s.ToRecord()).ToArray()));
    }

    private void Apply(SweepSubmitted e) => _sweeps[e.SweepId] = SweepState.New(e);
    private void Apply(TileRecorded e) { if (_sweeps.TryGetValue(e.SweepId, out var s)) s.Record(e); }
    private void Apply(TilesPlaced e) { if (_sweeps.TryGetValue(e.SweepId, out var s)) s.Place(e); }
    private void Apply(SweepFinished e) { if (_sweeps.TryGetValue(e.SweepId, out var s)) s.State = "completed"; }
    private void Apply(SweepStopped e) { if (_sweeps.TryGetValue(e.SweepId, out var s)) { s.State = "cancelled"; s.InFlight.Clear(); } }
    private void Apply(SweepRestarted e) { if (_sweeps.TryGetValue(e.SweepId, out var s)) { s.State = "running"; s.Message = null; s.NextTile = 0; } }
    private void Apply(SweepFailed e) { if (_sweeps.TryGetValue(e.SweepId, out var s)) { s.State = "failed"; s.Message = e.Reason; } }

    private sealed class Tick : INoSerializationVerificationNeeded { public static readonly Tick Instance = new(); }
}

/// <summary>Result of the background analysis (local to the coordinator's process).</summary>
internal sealed record AnalysisDone(string SweepId, int Bifurcations, string StatsJson) : INoSerializationVerificationNeeded;

/// <summary>The background analysis threw.</summary>
internal sealed record AnalysisFailed(string SweepId, string Reason) : INoSerializationVerificationNeeded;
