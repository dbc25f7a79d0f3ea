using Scyfi.Coordinator.Cli;

return await ScyfiCli.RunAsync(args);
