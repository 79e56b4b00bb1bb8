using System.Globalization;
using Bot.Domain.Persistence;

namespace Bot.Bench.Webhook;

/// <summary>The command line of the webhook benchmark; see <see cref="Usage"/>.</summary>
internal sealed record WebhookBenchOptions(
    int Teachers,
    int Updates,
    IReadOnlyList<double> Rates,
    int Warmup,
    int Runs,
    int Scale,
    int DaysBack,
    DateTime At,
    string DataDirectory,
    bool Fresh,
    string LogLevel,
    IReadOnlyDictionary<string, string> Settings,
    string? SqlLog = null,
    string? Postgres = null,
    int Processes = 1)
{
    /// <summary>The webhook's first target: at least 300 updates a second, with p99 under 100 ms.</summary>
    public const double TargetPerSecond = 300;

    public const double TargetP99Ms = 100;

    public const string Usage =
        "usage: Bot.Bench.Webhook [--teachers 100] [--updates 10000] [--rates 0,300] [--warmup 1000] [--runs 1] [--scale 3] [--days-back 7]\n" +
        "                         [--at 2026-11-19T15:30] [--data DIR] [--fresh] [--log-level Warning] [--sql-log FILE]\n" +
        "                         [--set Key=Value ...]   (a setting of Bot.Host, e.g. --set Database:SqliteSynchronous=Full)\n" +
        "                         [--postgres CONNECTION [--processes 2]]   (the school in PostgreSQL, N bot hosts sharing it)\n" +
        "  --rates: one measured phase per rate, in updates a second over all teachers; 0 = each teacher sends as soon as the last answer came.\n" +
        "  --postgres: a server's superuser connection; each run works on a fresh database made from a seeded template database there.\n" +
        "  --processes: Bot.Host instances (roles bot,jobs, each on its own port); teacher i posts to instance i mod N. PostgreSQL only.";

    /// <summary>The school-local moment the bot believes it is: a Thursday afternoon, so the day's lessons are all recorded.</summary>
    public static readonly DateTime DefaultAt = new(2026, 11, 19, 15, 30, 0);

    public DateOnly Today => DateOnly.FromDateTime(At);

    public DatabaseProvider Provider => Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL;

    /// <summary>Commands each teacher sends over the warm-up and all measured phases.</summary>
    public int CommandsPerTeacher => PerTeacher(Warmup) + Rates.Count * PerTeacher(Updates);

    public int PerTeacher(int updates) => (int)Math.Ceiling(updates / (double)Teachers);

    public static WebhookBenchOptions? Parse(string[] args)
    {
        var o = new WebhookBenchOptions(100, 10_000, [0, TargetPerSecond], 1_000, 1, 3, 7, DefaultAt,
            Path.Combine(Path.GetTempPath(), "bot-bench"), false, "Warning",
            new Dictionary<string, string>());
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            try
            {
                o = args[i] switch
                {
                    "--teachers" => o with { Teachers = Int() },
                    "--updates" => o with { Updates = Int() },
                    "--rates" => o with { Rates = Next().Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                    "--warmup" => o with { Warmup = Int() },
                    "--runs" => o with { Runs = Int() },
                    "--scale" => o with { Scale = Int() },
                    "--days-back" => o with { DaysBack = Int() },
                    "--at" => o with { At = DateTime.ParseExact(Next(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture) },
                    "--data" => o with { DataDirectory = Next() },
                    "--fresh" => o with { Fresh = true },
                    "--log-level" => o with { LogLevel = Next() },
                    "--sql-log" => o with { SqlLog = Next() },
                    "--set" => o with { Settings = With(o.Settings, Next()) },
                    "--postgres" => o with { Postgres = Next() },
                    "--processes" => o with { Processes = Int() },
                    "--help" or "-h" => throw new ArgumentException("help"),
                    _ => throw new ArgumentException($"unknown argument {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(e.Message == "help" ? Usage : $"error: {e.Message}\n{Usage}");
                return null;
            }
        }

        if (o.Teachers < 1 || o.Updates < o.Teachers || o.Warmup < 0 || o.Runs < 1 || o.Rates.Count == 0 || o.Rates.Any(r => r < 0) || o.DaysBack < 0
            || o.Processes < 1 || (o.Processes > 1 && o.Postgres is null))
        {
            Console.Error.WriteLine($"error: a value is out of range\n{Usage}");
            return null;
        }

        return o;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string pair)
    {
        var at = pair.IndexOf('=');
        if (at <= 0) throw new ArgumentException($"--set needs Key=Value, not {pair}");
        return new Dictionary<string, string>(settings) { [pair[..at]] = pair[(at + 1)..] };
    }
}
