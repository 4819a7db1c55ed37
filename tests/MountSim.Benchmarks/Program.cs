using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MountSim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
