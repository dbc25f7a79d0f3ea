using Scyfi.AnalysisNode;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// The node's compute slots: never more tiles at once than slots, tiles in the order queued, a
/// tile cancelled while it waits never runs, and a failing tile fails only its own task.
/// </summary>
public sealed class TileComputeGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Runs_at_most_as_many_tiles_at_once_as_it_has_slots_and_all_of_them()
    {
        using var gate = new TileComputeGate(2);
        int running = 0, most = 0, ran = 0;
        var tasks = Enumerable.Range(0, 12).Select(_ => gate.RunAsync(() =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref ran);
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(tasks).WaitAsync(Patience);
        Assert.Equal(12, ran);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task With_one_slot_tiles_run_in_the_order_they_were_queued_on_one_thread()
    {
        using var gate = new TileComputeGate(1);
        var order = new List<int>();
        var threads = new HashSet<int>();
        using var hold = new ManualResetEventSlim();
        var first = gate.RunAsync(() => hold.Wait(Patience), CancellationToken.None);
        var rest = Enumerable.Range(0, 5).Select(i => gate.RunAsync(() =>
        {
            lock (order) { order.Add(i); threads.Add(Environment.CurrentManagedThreadId); }
        }, CancellationToken.None)).ToArray();
        hold.Set();
        await Task.WhenAll(rest.Append(first)).WaitAsync(Patience);
        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.Single(threads);
    }

    [Fact]
    public async Task A_tile_cancelled_while_waiting_is_cancelled_at_once_and_never_runs()
    {
        using var gate = new TileComputeGate(1);
        using var hold = new ManualResetEventSlim();
        var busy = gate.RunAsync(() => hold.Wait(Patience), CancellationToken.None);
        using var cts = new CancellationTokenSource();
        bool ran = false;
        var waiting = gate.RunAsync(() => ran = true, cts.Token);
        cts.Cancel();
        // Cancelled while the only slot is still busy: it does not wait for the slot.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        hold.Set();
        await busy.WaitAsync(Patience);
        await gate.RunAsync(() => { }, CancellationToken.None).WaitAsync(Patience);   // the slot went past it
        Assert.False(ran);
    }

    [Fact]
    public async Task A_failing_tile_faults_its_own_task_and_the_slot_goes_on()
    {
        using var gate = new TileComputeGate(1);
        var failing = gate.RunAsync(() => throw new InvalidOperationException("tile 7 failed"), CancellationToken.None);
        var next = gate.RunAsync(() => { }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
        Assert.Equal("tile 7 failed", error.Message);
        await next.WaitAsync(Patience);
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_computation_that_stops_on_its_token_ends_cancelled()
    {
        using var gate = new TileComputeGate(1);
        using var cts = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var task = gate.RunAsync(() =>
        {
            started.Set();
            cts.Token.WaitHandle.WaitOne(Patience);
            cts.Token.ThrowIfCancellationRequested();
        }, cts.Token);
        Assert.True(started.Wait(Patience));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Patience));
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task Disposing_cancels_the_queued_tiles_and_refuses_new_ones()
    {
        var gate = new TileComputeGate(1);
        using var hold = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var busy = gate.RunAsync(() => { started.Set(); hold.Wait(Patience); }, CancellationToken.None);
        Assert.True(started.Wait(Patience));
        bool ran = false;
        var queued = gate.RunAsync(() => ran = true, CancellationToken.None);
        gate.Dispose();
        hold.Set();
        await busy.WaitAsync(Patience);   // the running tile finishes
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Patience));
        Assert.False(ran);
        Assert.Throws<ObjectDisposedException>(() => { _ = gate.RunAsync(() => { }, CancellationToken.None); });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
