using Akka.Cluster.Sharding;
using Scyfi.Messages;

namespace Scyfi.Cluster.Tests;

/// <summary>
/// Sharding routes a placed tile to the shard in its entity id, and a tile of a sweep submitted
/// before placement existed to the shard its id hashes to, exactly as before: a remembered entity
/// restarted by sharding (<see cref="ShardRegion.StartEntity"/>, which carries only the id) must
/// land in the shard its tile's messages go to. Sharding asks for a shard by entity id
/// (<see cref="IMessageExtractor.ShardId(string, object?)"/>).
/// </summary>
public sealed class TileExtractorTests
{
    private sealed class HashedBefore() : HashCodeMessageExtractor(TileExtractor.MaxShards)
    {
        public override string EntityId(object message) => ((AnalyzeTile)message) is var t ? $"{t.SweepId}/{t.Tile}" : "";
    }

    [Fact]
    public void A_placed_tile_goes_to_the_shard_in_its_id_and_its_restart_goes_there_too()
    {
        IMessageExtractor extractor = new TileExtractor();
        var message = new AnalyzeTile("sweep-1", 12, null, 37);
        string entityId = extractor.EntityId(message)!;
        Assert.Equal("sweep-1/12@37", entityId);
        Assert.Equal("37", extractor.ShardId(entityId, message));
        Assert.Equal("37", extractor.ShardId(entityId, new ShardRegion.StartEntity(entityId)));
        Assert.Same(message, extractor.EntityMessage(message));
    }

    [Fact]
    public void A_tile_of_an_earlier_sweep_goes_where_the_hash_sent_it_before()
    {
        IMessageExtractor extractor = new TileExtractor();
        var before = new HashedBefore();
        for (int tile = 0; tile < 500; tile++)
        {
            var message = new AnalyzeTile("2026-11-29T21-40-01-oneswitch", tile, null);
            string entityId = extractor.EntityId(message)!;
            Assert.Equal(before.EntityId(message), entityId);
            Assert.Equal(before.ShardId(entityId, message), extractor.ShardId(entityId, message));
            Assert.Equal(before.ShardId(entityId, null), extractor.ShardId(entityId, new ShardRegion.StartEntity(entityId)));
        }
    }

    [Theory]
    [InlineData("s/3@17", 17)]
    [InlineData("a@b/3@17", 17)]   // an '@' in the sweep id is not a shard
    [InlineData("a@5/3", -1)]
    [InlineData("s/3", -1)]
    [InlineData("s/3@", -1)]
    [InlineData("s/3@-4", -1)]
    public void The_shard_is_read_from_the_last_part_of_an_entity_id_only(string entityId, int shard) =>
        Assert.Equal(shard, TileIds.PlacedShard(entityId));
}
