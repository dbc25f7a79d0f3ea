using Scyfi.Coordinator.Cli;

// Scyfi's own output goes to the real stdout. Console.Out itself is pointed at stderr, through a
// filter: Akka.NET writes its last shutdown lines ("Remoting shut down") with its StandardOutLogger
// whatever stdout-loglevel says (akka.net#5246); they must not end up in the user's results, nor
// as stray lines under the sweep's summary.
var stdout = Console.Out;
Console.SetOut(new AkkaStandardOutFilter(Console.Error));
return await ScyfiCli.RunAsync(args, stdout, terminalStdout: !Console.IsOutputRedirected);
