using Bench.Testing;

[assembly: AssemblyFixture(typeof(BrokerFixture))]

// Each test starts worker processes; running them two at a time keeps a 2-core machine from timing them out.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
