namespace Scyfi.Cli.Tests;

/// <summary>Command lines that cannot be run: each is named in one line on stderr with exit code 2.</summary>
[Collection(CliCollection.Name)]
public sealed class BadOptionTests
{
    /// <summary>Stands for a valid model file in the argument lists below.</summary>
    private const string Model = "<model>";

    [Theory]
    [InlineData("--max-order must be at least 1", "find", Model, "--max-order", "0")]
    [InlineData("--max-order must be at least 1", "find", Model, "--max-order", "-3")]
    [InlineData("--max-order 100000 is absurdly large", "find", Model, "--max-order", "100000")]
    [InlineData("--max-order", "find", Model, "--max-order", "two")]
    [InlineData("missing --max-order", "find", Model)]
    [InlineData("either --max-order or --orders", "find", Model, "--max-order", "3", "--orders", "1,2")]
    [InlineData("'x' in '1,x' is not a whole number", "find", Model, "--orders", "1,x")]
    [InlineData("order 0 is invalid", "find", Model, "--orders", "0,1")]
    [InlineData("range '5-2' is empty", "find", Model, "--orders", "1,5-2")]
    [InlineData("no orders given", "find", Model, "--orders", ",")]
    [InlineData("--orders", "find", Model, "--orders")]
    [InlineData("order 100000 is too large", "find", Model, "--orders", "100000")]
    [InlineData("--threads must be between 1 and 1024", "find", Model, "--max-order", "2", "--threads", "0")]
    [InlineData("--threads must be between 1 and 1024", "find", Model, "--max-order", "2", "--threads", "100000")]
    [InlineData("--threads", "find", Model, "--max-order", "2", "--threads", "many")]
    [InlineData("--inner must be at least 1", "find", Model, "--max-order", "2", "--inner", "0")]
    [InlineData("'--bogus'", "find", Model, "--max-order", "2", "--bogus")]
    [InlineData("argument missing for command: 'find'", "find", "--max-order", "2")]
    [InlineData("no command given", new string[0])]
    [InlineData("unknown command or option 'frobnicate'", "frobnicate", Model)]
    [InlineData("'--bogus'", "--bogus")]
    public void Bad_command_line_is_named_in_one_line(string mentions, params string[] args)
    {
        string model = CaseFiles.Model("tent_ar-1.5");
        BadInput.AssertRejected(CliRunner.Run(args.Select(a => a == Model ? model : a).ToArray()), mentions);
    }

    [Fact]
    public void Exhaustive_search_that_is_too_large_is_refused()
    {
        // 1024 regions in 10-D: about 3.6e8 sequences of order 3, above the default limit.
        var r = CliRunner.Run("find", CaseFiles.Model("plrnn10d_k10"), "--max-order", "3", "--exhaustive");
        BadInput.AssertRejected(r, "exhaustive search at order 3");
    }
}
