using Scyfi.Coordinator.Cli;

// Scyfi's own output goes to the real stdout. Console.Out itself is pointed at stderr: Akka.NET
// writes its last shutdown lines ("Remoting shut down") with its StandardOutLogger whatever
// stdout-loglevel says (akka.net#5246), and they must not end up in the user's results.
var stdout = Console.Out;
Console.SetOut(Console.Error);
return await ScyfiCli.RunAsync(args, stdout, terminalStdout: !Console.IsOutputRedirected);
