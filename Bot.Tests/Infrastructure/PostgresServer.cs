using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Bot.Tests.Infrastructure;

/// <summary>Tests in <c>[Collection("postgres")]</c> share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;

/// <summary>
/// A private, throwaway PostgreSQL server for the test run, listening on 127.0.0.1 on a free port,
/// with its data in a fresh temporary directory (Debian's <c>postgresql</c> package provides the binaries).
/// Set <c>JOURNAL_TEST_PG</c> to a connection string to use an existing server instead.
/// Each test asks for its own empty database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ExternalServerVariable = "JOURNAL_TEST_PG";
    private const string OsUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly List<string> _createdDatabases = [];
    private string? _tempDir;
    private string? _dataDir;
    private string? _pgCtl;
    private bool _external;
    private int _stopped;

    /// <summary>Superuser connection to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _external = true;
            AdminConnectionString = external;
            await WaitUntilReadyAsync();
            return;
        }

        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException($"The private PostgreSQL server needs Linux; set {ExternalServerVariable} instead.");
        var binDir = FindBinDirectory();
        _pgCtl = Path.Combine(binDir, "pg_ctl");
        var initdb = Path.Combine(binDir, "initdb");

        // The server refuses to run as root: then it runs as the postgres OS user, which must
        // be able to reach the directory (TMPDIR may be under /root), hence /tmp.
        var baseDir = RunsAsRoot ? "/tmp" : Path.GetTempPath();
        _tempDir = Path.Combine(baseDir, $"journal-pg-{Guid.NewGuid():N}"[..23]);
        Directory.CreateDirectory(_tempDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (RunsAsRoot)
            await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", _tempDir], asPostgres: false);
        _dataDir = Path.Combine(_tempDir, "data");
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

        // C.UTF-8 keeps sorting byte-wise but lets the server classify Cyrillic; plain C is the fallback.
        string[] initArgs = ["-D", _dataDir, "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--no-sync"];
        var init = await RunAsync(initdb, [.. initArgs, "--locale=C.UTF-8"], throwOnError: false);
        if (init.ExitCode != 0)
        {
            if (Directory.Exists(_dataDir))
                Directory.Delete(_dataDir, recursive: true);
            await RunAsync(initdb, [.. initArgs, "--locale=C"]);
        }

        // Another process may grab the free port before the server binds it: retry with a new one.
        var logFile = Path.Combine(_tempDir, "postgres.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -k '{_dataDir}' -c listen_addresses=127.0.0.1 -c fsync=off "
                        + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            var start = await RunAsync(_pgCtl, ["start", "-w", "-t", "60", "-D", _dataDir, "-l", logFile, "-o", options],
                throwOnError: false);
            if (start.ExitCode == 0)
            {
                AdminConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    Pooling = true,
                    IncludeErrorDetail = true,
                }.ConnectionString;
                break;
            }
            if (attempt == 3)
                throw new InvalidOperationException(
                    $"PostgreSQL did not start (pg_ctl exit {start.ExitCode}): {start.Output}\n{ReadLog(logFile)}");
        }

        await WaitUntilReadyAsync();
    }

    /// <summary>Creates a new, uniquely named, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var clean = new string((prefix ?? "test").ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
            clean = "t" + clean;
        var name = $"{clean[..Math.Min(clean.Length, 30)]}_{Guid.NewGuid():N}";

        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (_createdDatabases)
            _createdDatabases.Add(name);

        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            Pooling = true,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_external)
        {
            await DropCreatedDatabasesAsync();
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop();
    }

    private static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Highest version of /usr/lib/postgresql/*/bin that has initdb and pg_ctl.</summary>
    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: Version.TryParse(NormalizeVersion(Path.GetFileName(d)), out var v) ? v : null))
                .Where(c => c.Version is not null && File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InvalidOperationException(
                "PostgreSQL server binaries not found: run scripts/test.sh which installs Debian's postgresql package "
                + $"(looked for initdb and pg_ctl in {root}/*/bin; or set {ExternalServerVariable} to a connection string).");

        static string NormalizeVersion(string s) => s.Contains('.') ? s : s + ".0";
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception e) when ((e is NpgsqlException or SocketException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_createdDatabases)
            names = [.. _createdDatabases];
        if (names.Length == 0)
            return;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    /// <summary>Stops the server at once (no checkpoint: the data is thrown away) and deletes its files.</summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _tempDir is null)
            return;
        try
        {
            if (_pgCtl is not null && _dataDir is not null && File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
                RunAsync(_pgCtl, ["stop", "-D", _dataDir, "-m", "immediate", "-w"], throwOnError: false)
                    .GetAwaiter().GetResult();
        }
        finally
        {
            try
            {
                Directory.Delete(_tempDir, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a leftover directory in /tmp is harmless
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string ReadLog(string logFile)
    {
        try
        {
            return File.Exists(logFile) ? "Server log:\n" + File.ReadAllText(logFile) : "(no server log)";
        }
        catch (IOException e)
        {
            return $"(server log unreadable: {e.Message})";
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args,
        bool throwOnError = true, bool asPostgres = true)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _tempDir ?? Path.GetTempPath(),
        };
        if (asPostgres && RunsAsRoot)
        {
            // runuser (util-linux) switches user without a password or a terminal.
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", OsUser, "--", file })
                psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = file;
        }
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var v in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE" })
            psi.Environment.Remove(v);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {CommandTimeout}");
        }
        output.Append(await stdout).Append(await stderr);

        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{output}");
        return (process.ExitCode, output.ToString());
    }
}
