using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Host.Cli;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using CsvHelper;

namespace Bot.Tests.Host;

/// <summary>`Bot.Host invites create ...` (docs/operations.md "Verbs of the executable"): the CSV scripts read, and clear refusals of bad arguments.</summary>
public sealed class InvitesVerbTests : IAsyncLifetime
{
    private const string Header = "class,student,guardian,role,code,telegram_link,viber_link,expires";
    private TestDatabase _database = null!;
    private TestSchool _s = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        _s = await TestSchool.CreateAsync(db);
        var marta = new Student(_s.School.Id, "Іваненко", "Марта");
        db.Add(marta);
        db.Add(new Enrolment(_s.School.Id, marta.Id, _s.Class7A.Id, _s.Year.Semester1Start, 0, false));
        db.Add(new GuardianStudent(_s.IvanenkoMother.Id, marta.Id, "мати"));
        var petrenkoMother = new Guardian(_s.School.Id, "Петренко", "Ольга");
        db.Add(petrenkoMother);
        db.Add(new GuardianStudent(petrenkoMother.Id, _s.Petrenko.Id, "мати"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Verbs.RunAsync(["invites", .. args, $"--ConnectionStrings:Journal={_database.ConnectionString}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<Dictionary<string, string>> ParseCsv(string text)
    {
        using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions { Separator = ',', HasHeader = true }, false);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            Assert.Equal(8, csv.FieldCount);
            rows.Add(Header.Split(',').ToDictionary(h => h, h => csv.GetString(h)));
        }

        return rows;
    }

    [Fact]
    public async Task Parents_HeaderIsExact_OneRowPerStudentAndGuardian_TheGuardiansCodeOnEachChildsRow()
    {
        var (exit, output, error) = await RunAsync("create", "--class", "7-А", "--role", "parent");

        Assert.True(exit == 0, error);
        Assert.StartsWith(Header + "\r\n", output);
        Assert.EndsWith("\r\n", output);
        var rows = ParseCsv(output);
        Assert.Equal(
            [("Іваненко Марта", "Іваненко Галина"), ("Іваненко Олег", "Іваненко Галина"), ("Іваненко Олег", "Іваненко Петро"), ("Петренко Марія", "Петренко Ольга")],
            rows.Select(r => (r["student"], r["guardian"])));
        Assert.Equal(rows[0]["code"], rows[1]["code"]);
        Assert.Equal(3, rows.Select(r => r["code"]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(("7-А", "parent", "", ""), (r["class"], r["role"], r["telegram_link"], r["viber_link"])));
        Assert.All(rows, r => Assert.Matches("^[2-9A-HJKMNP-Z]{13}$", r["code"])); // canonical (ADR 0042): scripts build links from it
        var expires = DateTime.ParseExact(rows[0]["expires"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(expires, DateTime.UtcNow.AddDays(30).AddMinutes(-5), DateTime.UtcNow.AddDays(30).AddMinutes(1));
        Assert.Contains("4 row(s)", error);
    }

    [Fact]
    public async Task Students_ClassWrittenLoosely_LinksFromTheSettings()
    {
        var (exit, output, error) = await RunAsync("create", "--class", "7-a", "--role", "student",
            "--Telegram:BotUsername=school_bot", "--Viber:ChatUri", "schoolbot");

        Assert.True(exit == 0, error);
        var rows = ParseCsv(output);
        Assert.Equal(["Іваненко Марта", "Іваненко Олег", "Петренко Марія", "Сидоренко Андрій", "Яковенко Софія"], rows.Select(r => r["student"]));
        Assert.All(rows, r =>
        {
            Assert.Equal(("student", ""), (r["role"], r["guardian"]));
            Assert.Equal($"https://t.me/school_bot?start={r["code"]}", r["telegram_link"]);
            Assert.Equal($"viber://pa?chatURI=schoolbot&context={r["code"]}", r["viber_link"]);
        });
    }

    [Fact]
    public async Task Staff_OneRowEach_ClassAndStudentEmpty_NameUnderGuardian()
    {
        var (exit, output, error) = await RunAsync("create", "--role", "staff");

        Assert.True(exit == 0, error);
        var rows = ParseCsv(output);
        Assert.Equal(5, rows.Count);
        Assert.Equal("Бондар Людмила Василівна", rows[0]["guardian"]);
        Assert.All(rows, r => Assert.Equal(("", "", "staff"), (r["class"], r["student"], r["role"])));
    }

    [Fact]
    public async Task InviteValidity_ComesFromTheSettings()
    {
        var (exit, output, error) = await RunAsync("create", "--role", "staff", "--Linking:InviteValidity=2.00:00:00");

        Assert.True(exit == 0, error);
        var expires = DateTime.Parse(ParseCsv(output)[0]["expires"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange(expires, DateTime.UtcNow.AddDays(2).AddMinutes(-5), DateTime.UtcNow.AddDays(2).AddMinutes(1));
    }

    [Fact]
    public async Task PrintedTwice_GivesTheSameCodes()
    {
        var first = ParseCsv((await RunAsync("create", "--class", "7-А", "--role", "parent")).Out);
        var second = ParseCsv((await RunAsync("create", "--class", "7-А", "--role", "parent")).Out);
        Assert.Equal(first.Select(r => r["code"]), second.Select(r => r["code"]));
    }

    [Theory]
    [InlineData("unknown role 'teacher': use --role parent, student or staff", "create", "--class", "7-А", "--role", "teacher")]
    [InlineData("--role is required", "create", "--class", "7-А")]
    [InlineData("--class is required with --role parent", "create", "--role", "parent")]
    [InlineData("--class does not go with --role staff", "create", "--class", "7-А", "--role", "staff")]
    [InlineData("'77' is not a class", "create", "--class", "77", "--role", "student")]
    [InlineData("--class needs a value", "create", "--role", "student", "--class")]
    [InlineData("unknown option '--clas'", "create", "--clas", "7-А", "--role", "parent")]
    [InlineData("unknown action 'remove'", "remove", "--class", "7-А", "--role", "parent")]
    [InlineData("say what to do", new string[0])]
    public async Task BadArguments_ExitNonZero_SayWhatIsWrong_AndTheRightForm(string problem, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains(problem, error);
        Assert.Contains("usage: Bot.Host invites create --class \"7-А\" --role parent|student", error);
    }

    [Fact]
    public async Task UnknownClass_ListsTheClassesOfTheCurrentYear()
    {
        var (exit, output, error) = await RunAsync("create", "--class", "7-Я", "--role", "parent");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("no class 7-Я in Ліцей № 1 (тест), 2026-2027; the classes are: 1-А, 3-А, 7-А, 11-А", error);
    }

    [Fact]
    public async Task TwoSchools_NeedSchool_AndTheErrorNamesThem()
    {
        await using (var db = _database.NewContext())
        {
            var school = new School("Гімназія № 2 (тест)", "Europe/Kyiv", "Гімназія 2");
            db.AddRange(school, new Staff(school.Id, "Олійник", "Марина", null, StaffRoles.Administrator));
            await db.SaveChangesAsync();
        }

        var (exit, _, error) = await RunAsync("create", "--role", "staff");
        Assert.NotEqual(0, exit);
        Assert.Contains("2 schools: add --school with one of \"Гімназія № 2 (тест)\", \"Ліцей № 1 (тест)\"", error);

        var byShortName = await RunAsync("create", "--role", "staff", "--school", "гімназія 2");
        Assert.True(byShortName.Exit == 0, byShortName.Err);
        Assert.Equal(["Олійник Марина"], ParseCsv(byShortName.Out).Select(r => r["guardian"]));

        var unknown = await RunAsync("create", "--role", "staff", "--school", "Ліцей № 9");
        Assert.NotEqual(0, unknown.Exit);
        Assert.Contains("no school \"Ліцей № 9\"", unknown.Err);
    }

    [Fact]
    public async Task UnmigratedDatabase_SaysToMigrateFirst()
    {
        var file = Path.Combine(Path.GetTempPath(), $"journal-empty-{Guid.NewGuid():N}.db");
        try
        {
            var error = new StringWriter();
            var exit = await Verbs.RunAsync(["invites", "create", "--role", "staff", $"--ConnectionStrings:Journal=Data Source={file}"], TextWriter.Null, error);
            Assert.NotEqual(0, exit);
            Assert.Contains("run `Bot.Host migrate` first", error.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RealProcess_StandardOutputHasNoByteOrderMark_AndBadArgumentsExitNonZero()
    {
        var good = await RunProcessAsync("invites", "create", "--class", "7-А", "--role", "student", $"--ConnectionStrings:Journal={_database.ConnectionString}");
        Assert.True(good.Exit == 0, good.Err);
        Assert.Equal("class,"u8.ToArray(), good.Out[..6]);
        Assert.StartsWith(Header + "\r\n", Encoding.UTF8.GetString(good.Out));
        Assert.Equal(5, ParseCsv(Encoding.UTF8.GetString(good.Out)).Count);

        var bad = await RunProcessAsync("invites", "create", "--role", "parents", $"--ConnectionStrings:Journal={_database.ConnectionString}");
        Assert.NotEqual(0, bad.Exit);
        Assert.Empty(bad.Out);
        Assert.Contains("unknown role 'parents'", bad.Err);
    }

    private static async Task<(int Exit, byte[] Out, string Err)> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return (process.ExitCode, output.ToArray(), await error);
    }
}
