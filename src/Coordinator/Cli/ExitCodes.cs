namespace Scyfi.Coordinator.Cli;

/// <summary>Process exit codes of the scyfi command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug): reported with its type, logged in full.</summary>
    public const int Internal = 1;
    /// <summary>Bad input: a one-line message names the problem.</summary>
    public const int BadInput = 2;
    /// <summary>A cluster member that the cluster put out (downed while alive, or its join failed): restart it.</summary>
    public const int OutOfCluster = 3;
    /// <summary>Interrupted by Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
