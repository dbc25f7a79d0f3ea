using System.Collections.Concurrent;

namespace Scyfi.AnalysisNode;

/// <summary>
/// The compute slots of one node: a fixed number of threads of their own, each computing one tile
/// at a time, and the queue of tiles waiting for one. The coordinator keeps more tiles in flight
/// than there are slots, so a worker always has the next tile assigned, recovered and waiting
/// here while the current ones finish: the journal round trips of assignment and completion
/// overlap with computation instead of idling a core.
/// </summary>
/// <remarks>
/// A slot's thread takes the next tile from the queue the moment it finishes one. Before, a tile
/// waited on a semaphore and then started a thread of its own: the hand-over went through a
/// thread-pool continuation and a thread start, both competing for the cores with the running
/// computations, and left a slot idle for about 10 ms per tile, 5–7 % of the grid phase
/// (bench/results/cluster-profile.md §11).
/// </remarks>
public sealed class TileComputeGate : IDisposable
{
    private readonly BlockingCollection<Job> _queue = new(new ConcurrentQueue<Job>());
    private volatile bool _disposed;

    /// <summary>Starts <paramref name="slots"/> compute threads (at least one).</summary>
    public TileComputeGate(int slots)
    {
        Slots = Math.Max(1, slots);
        for (int i = 0; i < Slots; i++)
            new Thread(Serve) { IsBackground = true, Name = $"scyfi-tile-slot-{i}" }.Start();
    }

    /// <summary>Number of tiles computed at once.</summary>
    public int Slots { get; }

    /// <summary>
    /// Queues <paramref name="compute"/> to run on the next free slot's thread, in the order of
    /// the calls. The task completes when it has run; it is cancelled if <paramref name="ct"/> is
    /// cancelled before it starts (or <paramref name="compute"/> stops on it), faulted if
    /// <paramref name="compute"/> throws.
    /// </summary>
    public Task RunAsync(Action compute, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var job = new Job(compute, ct);
        try
        {
            _queue.Add(job, CancellationToken.None);
        }
        catch (InvalidOperationException) when (_disposed)
        {
            // Disposed between the check and the queue (the node is stopping).
            throw new ObjectDisposedException(nameof(TileComputeGate));
        }
        return job.Done.Task;
    }

    /// <summary>Cancels the queued tiles and lets the threads end once their current tile is done.</summary>
    public void Dispose()
    {
        _disposed = true;
        _queue.CompleteAdding();
    }

    private void Serve()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (!job.TryStart()) continue;
            if (_disposed || job.Ct.IsCancellationRequested)
            {
                job.Done.TrySetCanceled(job.Ct);
                continue;
            }
            try
            {
                job.Compute();
                job.Done.TrySetResult();
            }
            catch (OperationCanceledException) when (job.Ct.IsCancellationRequested)
            {
                job.Done.TrySetCanceled(job.Ct);
            }
            catch (Exception ex)
            {
                job.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>One queued tile. Cancelling it while it waits completes its task at once; a slot skips it later.</summary>
    private sealed class Job
    {
        private const int Waiting = 0, Started = 1, Cancelled = 2;
        private int _state;
        private readonly CancellationTokenRegistration _whileWaiting;

        public Job(Action compute, CancellationToken ct)
        {
            Compute = compute;
            Ct = ct;
            // Continuations run on the thread pool, not on the slot's thread: the slot goes on to
            // the next tile at once.
            Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (ct.CanBeCanceled)
            {
                _whileWaiting = ct.UnsafeRegister(static (state, token) =>
                {
                    var job = (Job)state!;
                    if (Interlocked.CompareExchange(ref job._state, Cancelled, Waiting) == Waiting) job.Done.TrySetCanceled(token);
                }, this);
            }
        }

        public Action Compute { get; }
        public CancellationToken Ct { get; }
        public TaskCompletionSource Done { get; }

        /// <summary>Claims the job for a slot; false if it was cancelled while waiting.</summary>
        public bool TryStart()
        {
            if (Interlocked.CompareExchange(ref _state, Started, Waiting) != Waiting) return false;
            // From here the computation itself watches the token.
            _whileWaiting.Dispose();
            return true;
        }
    }
}
