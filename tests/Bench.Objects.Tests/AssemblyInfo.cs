using Bench.Testing;

[assembly: AssemblyFixture(typeof(BrokerFixture))]
