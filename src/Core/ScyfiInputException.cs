namespace Scyfi.Core;

/// <summary>
/// A mistake in what the user gave us (a model file, a spec, an option). The command line prints
/// its message as one line and exits with code 2; it never shows a stack trace for it.
/// </summary>
public sealed class ScyfiInputException(string message) : Exception(message);
