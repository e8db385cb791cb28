using Bench.Testing;

// One private broker for the whole assembly; each test class works on its own topics, so classes run in parallel.
[assembly: AssemblyFixture(typeof(BrokerFixture))]
