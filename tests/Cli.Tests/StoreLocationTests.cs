using Npgsql;
using Scyfi.Coordinator.Store;
using Scyfi.Core;

namespace Scyfi.Cli.Tests;

/// <summary>
/// How a <c>postgres://</c> store URL becomes the connection every member opens: TLS only where
/// it protects something, libpq's parameters, and a clear refusal of anything else.
/// </summary>
public sealed class StoreLocationTests
{
    private static NpgsqlConnectionStringBuilder Parsed(string text)
    {
        var location = StoreLocation.Parse(text);
        Assert.Equal(StoreKind.PostgreSql, location.Kind);
        return new NpgsqlConnectionStringBuilder(location.ConnectionString);
    }

    [Theory]
    [InlineData("postgres://u:p@127.0.0.1:5432/db")]
    [InlineData("postgres://u:p@127.0.0.2/db")]
    [InlineData("postgres://u:p@localhost/db")]
    [InlineData("postgresql://u:p@[::1]:5432/db")]
    public void A_loopback_server_is_reached_without_TLS_unless_it_demands_TLS(string url) =>
        Assert.Equal(SslMode.Allow, Parsed(url).SslMode);

    [Theory]
    [InlineData("postgres://u:p@db.example.org/db")]
    [InlineData("postgres://u:p@10.0.0.7:5432/db")]
    public void Another_server_gets_TLS_when_it_offers_it(string url) =>
        Assert.Equal(SslMode.Prefer, Parsed(url).SslMode);

    [Fact]
    public void The_URL_parts_and_libpq_parameters_reach_the_connection()
    {
        var b = Parsed("postgres://sc%40yfi:p%3Ass@db.example.org:6543/sweeps?sslmode=verify-full&connect_timeout=7&application_name=scyfi%20node&max_auto_prepare=0");
        Assert.Equal(("sc@yfi", "p:ss", "db.example.org", 6543, "sweeps"), (b.Username, b.Password, b.Host, b.Port, b.Database));
        Assert.Equal(SslMode.VerifyFull, b.SslMode);
        Assert.Equal(7, b.Timeout);
        Assert.Equal("scyfi node", b.ApplicationName);
        Assert.Equal(0, b.MaxAutoPrepare);
    }

    [Fact]
    public void Sessions_carry_the_scyfi_process_they_belong_to_unless_the_URL_names_them()
    {
        string name = Parsed("postgres://u:p@127.0.0.1/db").ApplicationName!;
        Assert.Equal(StoreLocation.ThisProcess, name);
        Assert.StartsWith("scyfi ", name, StringComparison.Ordinal);
        Assert.EndsWith($":{Environment.ProcessId}", name, StringComparison.Ordinal);
        Assert.True(name.Length <= 63);
        Assert.Equal(StoreLocation.ThisProcess, Parsed("Host=127.0.0.1;Database=db;Username=u").ApplicationName);
        Assert.Equal("mine", Parsed("postgres://u:p@127.0.0.1/db?application_name=mine").ApplicationName);
    }

    [Fact]
    public void A_plus_in_a_parameter_stays_a_plus_as_in_libpq() =>
        Assert.Equal("c++ node", Parsed("postgres://u:p@db.example.org/db?application_name=c++%20node").ApplicationName);

    [Fact]
    public void The_store_is_shown_with_its_parameters_and_without_credentials()
    {
        var location = StoreLocation.Parse("postgres://u:secret@db.example.org/sweeps?sslmode=require&application_name=scyfi%20node");
        Assert.Equal("postgres://db.example.org:5432/sweeps?sslmode=require&application_name=scyfi%20node", location.Display);
        Assert.Equal("postgres://127.0.0.1:5432/db", StoreLocation.Parse("postgres://u:secret@127.0.0.1/db").Display);
        // What is shown parses back to the same connection, credentials aside.
        var shown = new NpgsqlConnectionStringBuilder(StoreLocation.Parse(location.Display).ConnectionString);
        Assert.Equal((SslMode.Require, "scyfi node"), (shown.SslMode, shown.ApplicationName));
    }

    [Fact]
    public void Printed_commands_name_the_store_with_its_user_and_without_the_password()
    {
        var location = StoreLocation.Parse("postgres://u%40x:secret@127.0.0.1/db?sslmode=disable");
        Assert.Equal("postgres://u%40x@127.0.0.1:5432/db?sslmode=disable", location.CommandArgument);
        var again = new NpgsqlConnectionStringBuilder(StoreLocation.Parse(location.CommandArgument).ConnectionString);
        Assert.Equal(("u@x", null, SslMode.Disable), (again.Username, again.Password, again.SslMode));
        Assert.Equal("postgres://127.0.0.1:5432/db", StoreLocation.Parse("postgres://127.0.0.1/db").CommandArgument);
        Assert.Null(StoreLocation.Parse(StoreLocation.DefaultPath).CommandArgument);
        Assert.Equal(Path.GetFullPath("other.db"), StoreLocation.Parse("other.db").CommandArgument);
    }

    [Fact]
    public void A_loopback_server_still_gets_TLS_when_the_URL_asks_for_it() =>
        Assert.Equal(SslMode.Require, Parsed("postgres://u:p@127.0.0.1/db?sslmode=require").SslMode);

    [Fact]
    public void Statements_are_prepared_and_pooled_connections_not_reset_by_default()
    {
        var b = Parsed("postgres://u:p@127.0.0.1/db");
        Assert.Equal(StoreLocation.DefaultMaxAutoPrepare, b.MaxAutoPrepare);
        Assert.True(b.NoResetOnClose);
    }

    [Fact]
    public void A_connection_string_is_taken_as_written()
    {
        var b = Parsed("Host=127.0.0.1;Database=db;Username=u;SSL Mode=Require");
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal(0, b.MaxAutoPrepare);
        Assert.False(b.NoResetOnClose);
    }

    [Theory]
    [InlineData("postgres://u:p@h/db?sslmode=maybe", "sslmode 'maybe'")]
    [InlineData("postgres://u:p@h/db?connect_timeout=soon", "connect_timeout 'soon'")]
    [InlineData("postgres://u:p@h/db?max_auto_prepare=-1", "max_auto_prepare '-1'")]
    [InlineData("postgres://u:p@h/db?pool=9", "unknown parameter 'pool'")]
    public void A_bad_parameter_is_refused_by_name(string url, string named)
    {
        var e = Assert.Throws<ScyfiInputException>(() => StoreLocation.Parse(url));
        Assert.Contains(named, e.Message);
        Assert.StartsWith("--store:", e.Message);
    }
}
