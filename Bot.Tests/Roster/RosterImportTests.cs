using System.Text;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Roster.Import;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bot.Tests.Roster;

/// <summary>Roster import and export on each provider: preview, all-or-nothing commit, re-import, CSV and XLSX, round trip.</summary>
public abstract class RosterImportTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static readonly Actor Deputy = Actor.System("Імпорт (тест)");

    /// <summary>Two classes' worth of rows: a new class 5-Б and a newcomer to 7-А; siblings share their mother.</summary>
    public static readonly string[][] GoodRows =
    [
        ["5-Б", "Коваль", "Андрій", "Іванович", "03.02.2015", "ч", "Коваль Тетяна Петрівна", "+380671112233", "мати"],
        ["5-Б", "Коваль", "Андрій", "Іванович", "03.02.2015", "ч", "Коваль Іван Степанович", "0502223344", "батько"],
        ["5-Б", "Коваль", "Оксана", "Іванівна", "03.02.2015", "ж", "Коваль Тетяна Петрівна", "+380671112233", "мати"],
        ["5-Б", "Бережна", "Софія", "", "11.11.2014", "ж", "", "", ""],
        ["7-А", "Мороз", "Денис", "Олегович", "30.06.2013", "ч", "Мороз Олена Василівна", "+380 93 555 66 77", "мати"],
    ];

    public static string Csv(IEnumerable<string[]> rows, char separator = ';', IReadOnlyList<string>? headers = null)
    {
        headers ??= RosterColumns.All;
        var order = headers.Select(h => RosterColumns.All.ToList().IndexOf(h)).ToList();
        var text = new StringBuilder(string.Join(separator, headers)).Append("\r\n");
        foreach (var row in rows) text.Append(string.Join(separator, order.Select(i => row[i].Contains(separator) ? $"\"{row[i]}\"" : row[i]))).Append("\r\n");
        return text.ToString();
    }

    public static MemoryStream Bytes(string text, bool bom) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    private static IReadOnlyList<RosterFileRow> Read(Stream stream, string name) => RosterFile.Read(stream, name).GetValueOrThrow();

    private static async Task<(int Students, int Guardians, int Links, int Enrolments, int Classes, long Audit)> CountAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.Students.CountAsync(), await db.Guardians.CountAsync(), await db.GuardianStudents.CountAsync(), await db.Enrolments.CountAsync(),
            await db.Classes.CountAsync(), await db.AuditRecords.LongCountAsync());
    }

    private static async Task<(TestDatabase Database, TestSchool School)> SchoolAsync(Func<Task<TestDatabase>> create)
    {
        var database = await create();
        await using var db = database.NewContext();
        return (database, await TestSchool.CreateAsync(db));
    }

    [Fact]
    public async Task GoodCsv_SemicolonWithBom_CreatesTheClassStudentsAndGuardians_ThroughOneCommit()
    {
        var (database, school) = await SchoolAsync(CreateDatabaseAsync);
        await using var _ = database;
        var rows = Read(Bytes(Csv(GoodRows), bom: true), "учні.csv");
        await using (var db = database.NewContext())
        {
            var preview = await new RosterImportService(db, school.Clock).PreviewAsync(school.School.Id, rows);
            Assert.True(preview.CanCommit, string.Join(" ", preview.Problems.Select(p => p.Describe())));
            Assert.Equal((4, 3, 1), (preview.NewStudents, preview.NewGuardians, preview.UnchangedStudents + preview.UpdatedStudents + 1));
            Assert.Equal(["5-Б"], preview.NewClasses);
        }

        await using (var db = database.NewContext())
        {
            var result = await new RosterImportService(db, school.Clock).CommitAsync(Deputy, school.School.Id, rows);
            Assert.True(result.IsSuccess);
        }

        await using var check = database.NewContext();
        var cls = await check.Classes.SingleAsync(c => c.Grade == 5 && c.Letter == "Б");
        var list = await ClassList.LoadAsync(check, [cls.Id], school.Year.StartsOn, school.Year.EndsOn);
        // A new class's list is the list of the year's start: alphabetical, from 1 September (J-4).
        Assert.Equal(["Бережна Софія", "Коваль Андрій", "Коваль Оксана"], list.Select(e => e.FullName));
        Assert.All(list, e => Assert.Equal((school.Year.StartsOn, 0), (e.From, e.ListPosition)));
        var mother = await check.Guardians.SingleAsync(g => g.FirstName == "Тетяна");
        Assert.Equal("+380671112233", mother.Phone);
        Assert.Equal(2, await check.GuardianStudents.CountAsync(l => l.GuardianId == mother.Id)); // one mother of two children
        Assert.Equal("+380935556677", (await check.Guardians.SingleAsync(g => g.FirstName == "Олена" && g.LastName == "Мороз")).Phone);
        Assert.Equal(Sex.Female, (await check.Students.SingleAsync(s => s.FirstName == "Оксана")).Sex);
        // A newcomer to 7-А, which has its list, arrives today at the end of it.
        var in7A = await ClassList.LoadAsync(check, [school.Class7A.Id], TestSchool.Today, TestSchool.Today);
        Assert.Equal("Мороз Денис", in7A[^1].FullName);
        Assert.Equal((TestSchool.Today, true), (in7A[^1].From, in7A[^1].ListPosition > 1));
        Assert.True((await new AuditVerifier(check).VerifyAsync(school.School.Id)).IsIntact);
    }

    [Fact]
    public async Task FileWithBadRows_CommitsNothing_AndNamesEveryBadRowAndWhy()
    {
        var (database, school) = await SchoolAsync(CreateDatabaseAsync);
        await using var _ = database;
        var rows = GoodRows.Select(r => r.ToArray()).ToList();
        rows[2][4] = "31.02.2015";                   // line 4: no such date
        rows[3][0] = "13-А";                         // line 5: no such grade
        rows[4][7] = "12345";                        // line 6: not a phone
        rows[4][8] = "";                             // ... and no relation
        var before = await CountAsync(database);

        await using (var db = database.NewContext())
        {
            var result = await new RosterImportService(db, school.Clock).CommitAsync(Deputy, school.School.Id, Read(Bytes(Csv(rows), bom: false), "x.csv"));
            var plan = result.GetValueOrThrow();
            Assert.False(plan.CanCommit);
            Assert.Equal([4, 5, 6], plan.Problems.Select(p => p.Line));
            Assert.Contains("дата народження «31.02.2015» — не дата у форматі дд.мм.рррр", plan.Problems[0].Describe());
            Assert.Contains("Класу «13-А» не буває", plan.Problems[1].Describe());
            Assert.Equal(2, plan.Problems[2].Reasons.Count);
            Assert.StartsWith("Рядок 6 (Мороз Денис): телефон «12345»", plan.Problems[2].Describe());
        }

        Assert.Equal(before, await CountAsync(database));
    }

    [Fact]
    public async Task ReImport_SameFileChangesNothing_AChangedOneUpdatesWithoutDuplicates()
    {
        var (database, school) = await SchoolAsync(CreateDatabaseAsync);
        await using var _ = database;
        await using (var db = database.NewContext())
            (await new RosterImportService(db, school.Clock).CommitAsync(Deputy, school.School.Id, Read(Bytes(Csv(GoodRows), true), "a.csv"))).GetValueOrThrow();
        var afterFirst = await CountAsync(database);

        await using (var db = database.NewContext())
        {
            var again = (await new RosterImportService(db, school.Clock).CommitAsync(Deputy, school.School.Id, Read(Bytes(Csv(GoodRows), true), "a.csv"))).GetValueOrThrow();
            Assert.Equal((0, 0, 0, 4), (again.NewStudents, again.NewGuardians, again.UpdatedStudents, again.UnchangedStudents));
        }

        Assert.Equal(afterFirst, await CountAsync(database));

        var changed = GoodRows.Select(r => r.ToArray()).ToList();
        changed[1][7] = "+380509998877";   // the father's new phone
        changed[4][8] = "опікунка";        // relation corrected
        changed.Add(["5-Б", "Бережна", "Софія", "", "11.11.2014", "ж", "Бережний Олег Іванович", "0631231231", "батько"]);
        await using (var db = database.NewContext())
        {
            var update = (await new RosterImportService(db, school.Clock).CommitAsync(Deputy, school.School.Id, Read(Bytes(Csv(changed, ','), false), "b.csv"))).GetValueOrThrow();
            Assert.Equal((0, 3, 1, 2), (update.NewStudents, update.UpdatedStudents, update.NewGuardians, update.UpdatedGuardians));
            Assert.Contains(update.Changes, c => c.Contains("батько, +380502223344 → батько, +380509998877", StringComparison.Ordinal));
        }

        await using var check = database.NewContext();
        Assert.Equal(afterFirst.Students, await check.Students.CountAsync());
        Assert.Equal("+380509998877", (await check.Guardians.SingleAsync(g => g.FirstName == "Іван" && g.LastName == "Коваль")).Phone);
        Assert.Equal("опікунка", (await check.GuardianStudents.Join(check.Students.Where(s => s.LastName == "Мороз"), l => l.StudentId, s => s.Id, (l, s) => l).SingleAsync()).Relation);
    }

    [Fact]
    public async Task Export_ThenImport_RoundTripsInCsvAndXlsx()
    {
        await using var database = await CreateDatabaseAsync();
        var school = new Bot.Domain.Schools.School("Гімназія (тест імпорту)", "Europe/Kyiv");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestSchool.Now);
        await using (var db = database.NewContext())
        {
            db.AddRange(school, new Bot.Domain.Schools.SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30)));
            await db.SaveChangesAsync();
            (await new RosterImportService(db, clock).CommitAsync(Deputy, school.Id, Read(Bytes(Csv(GoodRows), true), "a.csv"))).GetValueOrThrow();
        }

        var counts = await CountAsync(database);
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var file = new MemoryStream();
            await using (var db = database.NewContext())
            {
                var export = new RosterExport(db, clock);
                if (format == "csv") await export.WriteCsvAsync(school.Id, file);
                else await export.WriteXlsxAsync(school.Id, file);
            }

            var bytes = file.ToArray();
            if (format == "csv")
            {
                Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // Excel in Ukraine opens it directly
                Assert.StartsWith(string.Join(';', RosterColumns.All), Encoding.UTF8.GetString(bytes[3..]));
            }

            // The same rows come back (classes in order, each list in J-4 order, phones as stored).
            var rows = Read(new MemoryStream(bytes), "export." + format);
            var expected = GoodRows.Select(r => string.Join('|', r.Select((v, i) => i == 7 && v.Length > 0 ? PhoneNumber.Parse(v).Value : v))).Order().ToList();
            Assert.Equal(expected, rows.Select(r => string.Join('|', RosterColumns.All.Select(c => r[c]))).Order().ToList());

            await using var db2 = database.NewContext();
            var plan = (await new RosterImportService(db2, clock).CommitAsync(Deputy, school.Id, rows)).GetValueOrThrow();
            Assert.True(plan.CanCommit, format + ": " + string.Join(" ", plan.Problems.Select(p => p.Describe())));
            Assert.Equal((0, 0, 4, 0), (plan.NewStudents, plan.UpdatedStudents, plan.UnchangedStudents, plan.NewGuardians));
            Assert.Equal(counts, await CountAsync(database));
        }
    }
}

public sealed class RosterImportOnSqlite : RosterImportTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqliteAsync();

    [Fact]
    public void Csv_CommaWithoutBom_HeadersInAnyOrder_AreRead()
    {
        var headers = RosterColumns.All.Reverse().ToList();
        var rows = RosterFile.ReadCsv(Bytes(Csv(GoodRows, ',', headers), bom: false)).GetValueOrThrow();
        Assert.Equal(5, rows.Count);
        Assert.Equal("Коваль Тетяна Петрівна", rows[0][RosterColumns.Guardian]);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal("03.02.2015", rows[2][RosterColumns.BirthDate]);
    }

    [Fact]
    public void Csv_WithAMissingOrUnknownHeader_IsRefusedAsAWhole()
    {
        var headers = RosterColumns.All.Where(h => h != RosterColumns.Sex).Append("Школа").ToList();
        var text = string.Join(';', headers) + "\r\n7-А;Іваненко;Олег;;01.01.2013;;;;;x\r\n";
        var result = RosterFile.ReadCsv(Bytes(text, bom: true));
        Assert.False(result.IsSuccess);
        Assert.Contains("немає стовпців «Стать»", result.Error.Message);
        Assert.Contains("невідомі стовпці «Школа»", result.Error.Message);
    }

    [Fact]
    public void Xlsx_WithDatesAndPhonesTypedAsNumbers_ReadsAsAPersonSeesThem()
    {
        var sheet = new List<Dictionary<string, object>>
        {
            RosterColumns.All.Zip(new object[] { "7-А", "Іваненко", "Олег", "", new DateTime(2013, 3, 14), "ч", "Іваненко Галина", 380671234567d, "мати" })
                .ToDictionary(x => x.First, x => x.Second),
        };
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet);
        stream.Position = 0;
        var row = Assert.Single(RosterFile.Read(stream, "Учні.XLSX").GetValueOrThrow());
        Assert.Equal("14.03.2013", row[RosterColumns.BirthDate]);
        Assert.Equal("380671234567", row[RosterColumns.Phone]);
    }

    [Theory]
    [InlineData("+380 67 123 45 67", "+380671234567")]
    [InlineData("067-123-45-67", "+380671234567")]
    [InlineData("(067) 1234567", "+380671234567")]
    [InlineData("380671234567", "+380671234567")]
    [InlineData("+48 601 234 567", "+48601234567")]
    public void Phone_WrittenAsSchoolsWriteIt_IsNormalised(string text, string expected) =>
        Assert.Equal(expected, PhoneNumber.Parse(text).Value);

    [Theory]
    [InlineData("12345")]
    [InlineData("067 123 45 6")]
    [InlineData("тел. 0671234567")]
    public void Phone_ThatIsNoPhone_IsRefused(string text) => Assert.False(PhoneNumber.Parse(text).IsSuccess);
}

[Collection("postgres")]
public sealed class RosterImportOnPostgres(PostgresServer server) : RosterImportTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
