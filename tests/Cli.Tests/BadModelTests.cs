namespace Scyfi.Cli.Tests;

/// <summary>Model files that cannot be used: each is named in one line on stderr with exit code 2.</summary>
[Collection(CliCollection.Name)]
public sealed class BadModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    // Not JSON, or not a JSON object.
    [InlineData("", "not valid JSON")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5", "not valid JSON")]
    [InlineData("type: plrnn", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    // Type.
    [InlineData("{\"A\": [0.5], \"W\": [[0.1]], \"h\": [1]}", "missing \"type\"")]
    [InlineData("{\"type\": \"lstm\", \"A\": [0.5], \"W\": [[0.1]], \"h\": [1]}", "unknown model type 'lstm'")]
    // Missing and unknown fields.
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"h\": [1]}", "missing field \"W\"")]
    [InlineData("{\"type\": \"plrnn\", \"W\": [[0.1]], \"h\": [1]}", "missing field \"A\"")]
    [InlineData("{\"type\": \"alrnn\", \"A\": [0.5], \"W\": [[0.1]], \"h\": [1]}", "missing field \"reluCount\"")]
    [InlineData("{\"type\": \"shplrnn\", \"A\": [0.5], \"W1\": [[1]], \"W2\": [[1]], \"h1\": [0]}", "missing field \"h2\"")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[0.1]], \"h\": [1], \"b\": [2]}", "unknown field \"b\"")]
    // PLRNN shapes.
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[0.1]], \"h\": []}", "h is empty")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5, 0.5], \"W\": [[0, 0], [0, 0], [0, 0]], \"h\": [1, 1]}", "W has 3 rows")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5, 0.5], \"W\": [[0, 0], [0]], \"h\": [1, 1]}", "W row 1 has 1 entries")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5, 0.5], \"W\": 3, \"h\": [1, 1]}", "W must be an array")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[0, 0], [0, 0]], \"h\": [1, 1]}", "A has 1 entries, expected M = 2")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [[0.5, 0, 0], [0, 0.5, 0]], \"W\": [[0, 0], [0, 0]], \"h\": [1, 1]}", "A row 0 has 3 entries")]
    // shPLRNN shapes: W1 is M×L, W2 is L×M (here M = 2, L = 3).
    [InlineData("{\"type\": \"shplrnn\", \"A\": [0.5, 0.5], \"W1\": [[1, 0], [0, 1]], \"W2\": [[1, 0], [0, 1], [1, 1]], \"h1\": [0, 0], \"h2\": [0, 0, 0]}", "W1 row 0 has 2 entries, expected 3")]
    [InlineData("{\"type\": \"shplrnn\", \"A\": [0.5, 0.5], \"W1\": [[1, 0, 0], [0, 1, 0]], \"W2\": [[1, 0], [0, 1]], \"h1\": [0, 0], \"h2\": [0, 0, 0]}", "W2 has 2 rows, expected 3")]
    [InlineData("{\"type\": \"clipped-shplrnn\", \"A\": [0.5, 0.5], \"W1\": [[1, 0, 0]], \"W2\": [[1, 0], [0, 1], [1, 1]], \"h1\": [0, 0], \"h2\": [0, 0, 0]}", "W1 has 1 rows, expected 2")]
    [InlineData("{\"type\": \"shplrnn\", \"A\": [0.5], \"W1\": [[1, 0, 0], [0, 1, 0]], \"W2\": [[1, 0], [0, 1], [1, 1]], \"h1\": [0, 0], \"h2\": [0, 0, 0]}", "A has 1 entries")]
    [InlineData("{\"type\": \"shplrnn\", \"A\": [0.5], \"W1\": [[]], \"W2\": [], \"h1\": [0], \"h2\": []}", "h2 is empty")]
    // ALRNN reluCount.
    [InlineData("{\"type\": \"alrnn\", \"A\": [0.5, 0.5], \"W\": [[0, 0], [0, 0]], \"h\": [1, 1], \"reluCount\": 3}", "reluCount = 3")]
    [InlineData("{\"type\": \"alrnn\", \"A\": [0.5, 0.5], \"W\": [[0, 0], [0, 0]], \"h\": [1, 1], \"reluCount\": -1}", "reluCount = -1")]
    [InlineData("{\"type\": \"alrnn\", \"A\": [0.5, 0.5], \"W\": [[0, 0], [0, 0]], \"h\": [1, 1], \"reluCount\": 1.5}", "reluCount must be an integer")]
    // Entries that are not finite numbers.
    [InlineData("{\"type\": \"plrnn\", \"A\": [\"NaN\"], \"W\": [[0.1]], \"h\": [1]}", "A[0] must be a number, found the string \"NaN\"")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[null]], \"h\": [1]}", "W[0,0] must be a number, found null")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[0.1]], \"h\": [1e400]}", "h[0] is not a finite number")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[-1e400]], \"h\": [1]}", "W[0,0] is not a finite number")]
    [InlineData("{\"type\": \"plrnn\", \"A\": [0.5], \"W\": [[0.1]], \"h\": [Infinity]}", "not valid JSON")]
    public void Bad_model_file_is_named_in_one_line(string content, string mentions)
    {
        string path = _dir.Write("model.json", content);
        BadInput.AssertRejected(CliRunner.Run("find", path, "--max-order", "2"), mentions);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        string path = Path.Combine(_dir.Path, "nowhere.json");
        BadInput.AssertRejected(CliRunner.Run("find", path, "--max-order", "2"), $"'{path}' not found");
    }

    [Fact]
    public void Directory_instead_of_a_file_is_named()
    {
        BadInput.AssertRejected(CliRunner.Run("find", _dir.Path, "--max-order", "2"), "is a directory");
    }

    [Fact]
    public void Binary_file_is_not_valid_json()
    {
        string path = _dir.Write("model.json", [0x00, 0x9F, 0x92, 0x96, 0x7B]);
        BadInput.AssertRejected(CliRunner.Run("find", path, "--max-order", "2"), "not valid JSON");
    }

    [Fact]
    public void Unreadable_file_is_named()
    {
        string path = _dir.Write("model.json", "{}");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.None);
        var r = CliRunner.Run("find", path, "--max-order", "2");
        // A superuser (and Windows, where no mode was set) reads the file anyway; then its content ({} without a type) is the problem.
        bool readable = CanRead(path);
        BadInput.AssertRejected(r, readable ? "missing \"type\"" : "cannot be read");
    }

    private static bool CanRead(string path)
    {
        try
        {
            File.ReadAllBytes(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
