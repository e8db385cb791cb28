using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bench.Broker;

/// <summary>
/// A RabbitMQ node of Bench's own: the Debian rabbitmq-server started directly (not through the packaged
/// wrapper, which drops to the rabbitmq user), in a temporary directory, on free loopback ports, under a
/// unique node name, so several can run side by side (a test run and a benchmark run at once).
/// It is stopped and its directory deleted on dispose, on process exit, and — should this process die
/// without either — by a small watchdog that notices the parent is gone.
/// </summary>
public sealed class PrivateBroker : IAsyncDisposable
{
    private static readonly Lock s_liveLock = new();
    private static readonly List<PrivateBroker> s_live = [];
    private static bool s_exitHookInstalled;

    private readonly NodeControl _control;
    private readonly ProcessStartInfo _start;
    private readonly TimeSpan _startTimeout;
    private ChildProcess _process;
    private int _stopped;

    private PrivateBroker(ChildProcess process, ProcessStartInfo start, TimeSpan startTimeout, NodeControl control, NodePorts ports, NodeTlsFiles? tls, string version)
    {
        var (directory, nodeName) = (control.Directory, control.NodeName);
        _process = process;
        _start = start;
        _startTimeout = startTimeout;
        Directory = directory;
        NodeName = nodeName;
        Port = ports.Amqp;
        ManagementPort = ports.Management;
        PrometheusPort = ports.Prometheus;
        TlsPort = ports.Tls;
        CaCertificatePath = tls?.CaCertificatePath;
        Version = version;
        _control = control;
        Uri = AmqpUri.Parse(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{ports.Amqp}/"));
        TlsUri = tls is null ? null : AmqpUri.Parse(string.Create(CultureInfo.InvariantCulture, $"amqps://guest:guest@127.0.0.1:{ports.Tls}/"));
    }

    /// <summary>The node's address (guest/guest on loopback, as RabbitMQ allows by default).</summary>
    public AmqpUri Uri { get; }

    /// <summary>The amqps:// address of the TLS listener (same user, same node), or null when <see cref="PrivateBrokerOptions.Tls"/> was off.</summary>
    public AmqpUri? TlsUri { get; }

    /// <summary>The TLS listener's port, or 0.</summary>
    public int TlsPort { get; }

    /// <summary>
    /// The node's throwaway CA certificate (PEM, inside <see cref="Directory"/>, gone when the node stops): what a client
    /// trusts to reach <see cref="TlsUri"/> with validation on. Null without TLS. The server key stays in the directory.
    /// </summary>
    public string? CaCertificatePath { get; }

    public string Version { get; }

    public string NodeName { get; }

    public int Port { get; }

    /// <summary>The HTTP API port, or 0 when management was not enabled.</summary>
    public int ManagementPort { get; }

    /// <summary>The rabbitmq_prometheus listener's port, or 0 when <see cref="PrivateBrokerOptions.Prometheus"/> was off.</summary>
    public int PrometheusPort { get; }

    /// <summary>The node's Prometheus endpoint (http://127.0.0.1:PORT/metrics), or null without the plugin.</summary>
    public Uri? MetricsUri => PrometheusPort == 0 ? null : new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{PrometheusPort}/metrics"));

    /// <summary>The node's temporary directory (data, logs, cookie); deleted on stop.</summary>
    public string Directory { get; }

    /// <summary>The Erlang VM's process id (from the node's pid file), for CPU accounting; 0 when unknown.</summary>
    public int ProcessId => _control.ProcessId;

    public bool IsRunning => Volatile.Read(ref _stopped) == 0 && !_process.HasExited;

    /// <summary>True when the rabbitmq-server start script is where options say it is.</summary>
    public static bool IsInstalled(PrivateBrokerOptions? options = null) => File.Exists((options ?? new PrivateBrokerOptions()).ServerPath);

    /// <summary>Starts a node and waits until it answers AMQP. Fails with the node's log tail, not a bare timeout.</summary>
    public static async Task<PrivateBroker> StartAsync(PrivateBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PrivateBrokerOptions();
        if (!File.Exists(options.ServerPath))
        {
            throw new BrokerUnavailableException(
                $"rabbitmq-server not found at {options.ServerPath}: run scripts/setup.sh (installs it from Debian) or pass --amqp URI / set BENCH_AMQP_URI");
        }

        var ctlPath = Path.Combine(Path.GetDirectoryName(options.ServerPath)!, "rabbitmqctl");
        // Two retries cover the small race between FreePort releasing a port and the node binding it (test projects start nodes in parallel).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(options, ctlPath, cancellationToken);
            }
            catch (BrokerStartException e) when (attempt < 3 && options.Port == 0 && e.LogTail.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<PrivateBroker> StartOnceAsync(PrivateBrokerOptions options, string ctlPath, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var directory = Path.Combine(options.BaseDirectory ?? Path.GetTempPath(), "bench-broker-" + id);
        System.IO.Directory.CreateDirectory(directory);
        var nodeName = $"bench-{id}@localhost";
        var control = new NodeControl(ctlPath, options.Home ?? directory, directory, nodeName);
        var free = FreePort.Take(5);
        var port = options.Port != 0 ? options.Port : free[0];
        var distPort = free[1];
        var ports = new NodePorts(port, options.Management ? free[2] : 0, options.Tls ? free[3] : 0, options.Prometheus ? free[4] : 0);
        NodeTlsFiles? tls;

        try
        {
            tls = options.Tls ? await NodeTlsFiles.CreateAsync(directory, nodeName, cancellationToken) : null;
            await WriteConfigAsync(options, directory, ports, tls, cancellationToken);
        }
        catch
        {
            // Cancelled (Ctrl-C) or failed before the node started: remove what was made.
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        // setsid: the node gets its own session, so a terminal's Ctrl-C reaches Bench first and Bench stops the node cleanly.
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = directory };
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" >server.out 2>&1 </dev/null");
        start.ArgumentList.Add(options.ServerPath);
        control.ApplyEnvironment(start.Environment);
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq");
        start.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config");
        start.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf");

        var process = ChildProcess.Start(start, "rabbitmq node " + nodeName);
        control.StartWatchdog();

        try
        {
            var version = await WaitAcceptingAsync(process, control, ports, tls?.CaCertificatePath, options.StartTimeout, cancellationToken);
            var broker = new PrivateBroker(process, start, options.StartTimeout, control, ports, tls, version);
            Register(broker);
            return broker;
        }
        catch
        {
            // Also on cancellation (Ctrl-C during start-up): the half-started node is stopped and its directory removed.
            await control.StopAsync(process);
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteConfigAsync(PrivateBrokerOptions options, string directory, NodePorts ports, NodeTlsFiles? tls, CancellationToken cancellationToken)
    {
        var plugins = new List<string>();
        if (options.Management)
        {
            plugins.Add("rabbitmq_management");
        }

        if (options.Prometheus)
        {
            plugins.Add("rabbitmq_prometheus");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[" + string.Join(",", plugins) + "].", cancellationToken);
        // The AMQP listener comes from RABBITMQ_NODE_IP_ADDRESS/PORT below; the config file holds only extras.
        var config = new List<string>();
        if (options.Management)
        {
            config.Add("management.tcp.ip = 127.0.0.1");
            config.Add("management.tcp.port = " + ports.Management.ToString(CultureInfo.InvariantCulture));
        }

        if (options.Prometheus)
        {
            config.Add("prometheus.tcp.ip = 127.0.0.1");
            config.Add("prometheus.tcp.port = " + ports.Prometheus.ToString(CultureInfo.InvariantCulture));
            // Queues and channels emit their figures every collect_statistics_interval (5 s by default): sampled once a
            // second, most readings would be up to 5 s stale. 1 s matches the sampler.
            config.Add("collect_statistics_interval = 1000");
        }

        if (tls is not null)
        {
            config.AddRange(tls.ConfigLines(ports.Tls));
        }

        config.AddRange(options.ConfigLines);
        await File.WriteAllLinesAsync(Path.Combine(directory, "rabbitmq.conf"), config, cancellationToken);
    }

    // Polls until the node answers AMQP (and, with TLS, amqps with the node's CA); a node that exits first, or takes too
    // long, fails with its log's tail.
    private static async Task<string> WaitAcceptingAsync(ChildProcess process, NodeControl control, NodePorts ports, string? caCertificatePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var nodeName = control.NodeName;
        var port = ports.Amqp;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new BrokerStartException(
                    $"rabbitmq node {nodeName} exited with code {process.ExitCode} before accepting AMQP on 127.0.0.1:{port}",
                    control.LogTail(40));
            }

            if (await AmqpProbe.TryReadVersionAsync("127.0.0.1", port, cancellationToken) is { } version
                && (ports.Tls == 0 || await AmqpProbe.TryReadVersionAsync("127.0.0.1", ports.Tls, cancellationToken, caCertificatePath) is not null))
            {
                return version;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new BrokerStartException(
                    $"rabbitmq node {nodeName} did not accept AMQP on 127.0.0.1:{port}{(ports.Tls == 0 ? string.Empty : $" and amqps on 127.0.0.1:{ports.Tls}")} within {timeout.TotalSeconds:0} s",
                    control.LogTail(40));
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Fault injection: SIGKILL the Erlang VM (no clean shutdown, as a crash or OOM kill would), and wait until it is gone.</summary>
    public async Task KillNodeAsync(CancellationToken cancellationToken = default)
    {
        _control.Kill(_process);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        File.Delete(Path.Combine(Directory, "rabbitmq.pid"));
    }

    /// <summary>Starts the node again after <see cref="KillNodeAsync"/>: same name, ports and data directory (durable queues and persistent messages survive).</summary>
    public async Task RestartNodeAsync(CancellationToken cancellationToken = default)
    {
        await _process.DisposeAsync(); // the killed one
        var process = ChildProcess.Start(_start, "rabbitmq node " + NodeName);
        _process = process;
        await WaitAcceptingAsync(process, _control, new NodePorts(Port, ManagementPort, TlsPort, PrometheusPort), CaCertificatePath, _startTimeout, cancellationToken);
    }

    /// <summary>Runs rabbitmqctl against this node (e.g. close_all_connections in recovery tests) and returns its output.</summary>
    public async Task<string> CtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var (exitCode, output) = await _control.RunCtlAsync(arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {exitCode}: {output.Trim()}");
        }

        return output;
    }

    /// <summary>
    /// Closes every client connection to this node, as a forced-close fault: over the management HTTP API when the node
    /// has it (<see cref="PrivateBrokerOptions.Management"/>; milliseconds), else with rabbitmqctl close_all_connections
    /// (seconds: it boots an Erlang VM first). Returns a note saying which, and how many were closed when known.
    /// </summary>
    public async Task<string> CloseAllConnectionsAsync(string reason, CancellationToken cancellationToken = default)
    {
        if (ManagementPort == 0)
        {
            await CtlAsync(["close_all_connections", reason], cancellationToken);
            return "closed with rabbitmqctl close_all_connections";
        }

        using var api = new ManagementApi(ManagementPort);
        var closed = await api.CloseAllConnectionsAsync(reason, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"closed {closed} connection(s) over the management HTTP API");
    }

    /// <summary>The last lines of the node's logs.</summary>
    public string LogTail(int lines = 40) => _control.LogTail(lines);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        lock (s_liveLock)
        {
            s_live.Remove(this);
        }

        await _control.StopAsync(_process);
        await _process.DisposeAsync();
    }

    private static void Register(PrivateBroker broker)
    {
        lock (s_liveLock)
        {
            s_live.Add(broker);
            if (!s_exitHookInstalled)
            {
                s_exitHookInstalled = true;
                // SIGTERM and a normal exit both raise ProcessExit; a hard kill is left to the watchdog.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllLive();
            }
        }
    }

    private static void StopAllLive()
    {
        PrivateBroker[] live;
        lock (s_liveLock)
        {
            live = [.. s_live];
        }

        Task.WaitAll([.. live.Select(b => b.DisposeAsync().AsTask())], TimeSpan.FromSeconds(20));
    }
}
