using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ValueGuard.Benchmarks.LineProtocolWriterBenchmarks).Assembly).Run(args);
