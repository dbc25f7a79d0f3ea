namespace Scyfi.AnalysisNode;

/// <summary>
/// Bounds how many tiles one node computes at once (one thread each). The coordinator keeps more
/// tiles in flight than that, so a worker always has the next tile assigned, recovered and
/// waiting here while the current ones finish: the journal round trips of assignment and
/// completion overlap with computation instead of idling a core.
/// </summary>
public sealed class TileComputeGate(int slots)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, slots));

    /// <summary>Number of tiles computed at once.</summary>
    public int Slots { get; } = Math.Max(1, slots);

    /// <summary>Waits for a free slot; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        return new Release(_slots);
    }

    private sealed class Release(SemaphoreSlim s) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) s.Release();
        }
    }
}
