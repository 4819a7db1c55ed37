using MountSim.Cli;

return MountSimCli.Run(args, Console.Out, Console.Error);
