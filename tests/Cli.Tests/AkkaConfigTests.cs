namespace Scyfi.Cli.Tests;

/// <summary>
/// <c>--akka-config FILE</c> (TLS for remoting and other Akka.NET settings): a bad file is a user
/// mistake, refused before any member starts or anything is written.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class AkkaConfigTests
{
    private const string Seed = "akka.ssl.tcp://scyfi@127.0.0.1:4999";

    [Fact]
    public void A_missing_file_is_refused()
    {
        using var dir = new TempDirectory();
        string store = Path.Combine(dir.Path, "s.db");
        BadInput.AssertRejected(CliRunner.Run("node", "--seed", Seed, "--store", store, "--akka-config", Path.Combine(dir.Path, "none.conf")), "not found");
        Assert.False(File.Exists(store));
    }

    /// <summary>Starts a node with <paramref name="hocon"/> as its --akka-config; it must be refused naming <paramref name="named"/>.</summary>
    private static void AssertConfigRefused(string hocon, string named)
    {
        using var dir = new TempDirectory();
        string conf = dir.Write("tls.conf", hocon);
        BadInput.AssertRejected(CliRunner.Run("node", "--seed", Seed, "--store", Path.Combine(dir.Path, "s.db"), "--akka-config", conf), named);
    }

    [Fact]
    public void Tls_without_a_certificate_is_refused_naming_the_setting() =>
        AssertConfigRefused("akka.remote.dot-netty.tcp { enable-ssl = true }", "ssl.certificate.path");

    [Fact]
    public void Tls_with_a_certificate_file_that_does_not_exist_is_refused() =>
        AssertConfigRefused("akka.remote.dot-netty.tcp { enable-ssl = true, ssl.certificate.path = \"/nonexistent/remote.pfx\" }", "/nonexistent/remote.pfx");

    [Fact]
    public void Settings_under_sharding_coordinator_singleton_are_refused_naming_the_key() =>
        // Akka.NET reads that key as the path of a settings block: a block there fails its start.
        AssertConfigRefused("akka.cluster.sharding.coordinator-singleton.hand-over-retry-interval = 500ms", "akka.cluster.sharding.coordinator-singleton");

    [Fact]
    public void A_truncated_file_is_refused_naming_the_unclosed_block() =>
        // Akka.NET's parser takes the text up to the cut and drops the rest without a word.
        AssertConfigRefused("akka.remote.dot-netty.tcp {\n  enable-ssl = false\n  maximum-frame-size = 256000b\n  akka.cluster {", "line 4");

    [Theory]
    [InlineData("a { b = 1 }\nc = [1, 2]", null)]
    [InlineData("a { b = \"}\" } # a closing } in a comment\n// and { here\n", null)]
    [InlineData("a = \"\"\"{ not a block\n}}}\"\"\"\nb { c = 1 }", null)]
    [InlineData("a = \"say \\\"{\\\"\"", null)]
    [InlineData("a {\n  b {\n    c = 1\n  }\n", "the file ends inside the '{' opened on line 1 (truncated?)")]
    [InlineData("a { b = 1 }\n}", "'}' on line 2 closes nothing")]
    [InlineData("a = [1, 2 }", "'}' on line 1 does not close the '[' opened on line 1")]
    [InlineData("a {\n b = \"open\n}", "the string opened on line 2 is not closed")]
    public void Brackets_pair_up_outside_strings_and_comments(string hocon, string? problem) =>
        Assert.Equal(problem, Scyfi.Coordinator.Cli.HoconBrackets.Problem(hocon));

    [Fact]
    public void Seeds_must_be_akka_tcp_or_akka_ssl_tcp_addresses()
    {
        using var dir = new TempDirectory();
        BadInput.AssertRejected(CliRunner.Run("node", "--seed", "http://127.0.0.1:4999", "--store", Path.Combine(dir.Path, "s.db")), "akka.tcp://");
    }
}
