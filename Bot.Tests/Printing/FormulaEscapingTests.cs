using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Bot.Domain.Roster.Import;
using Bot.Domain.Text;
using Bot.Host.Cli;
using Bot.Domain.Linking;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Printing;

/// <summary>
/// Exports that cannot run formulas (OWASP CSV injection): the values of the review typed as homework, a topic
/// and a surname come out of every CSV with a leading quote and out of every XLSX as strings, never formulas; a roster
/// exported and imported again is unchanged, the phone "+380…" included.
/// </summary>
public sealed partial class FormulaEscapingTests
{
    public static readonly string[] Dangerous = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+380501234567", "-1", "\tфайл", "\rрядок"];

    [Fact]
    public void Protect_MarksEveryFormulaStart_Unprotect_GivesTheValueBack()
    {
        foreach (var value in Dangerous)
        {
            Assert.Equal("'" + value, SpreadsheetCells.Protect(value));
            Assert.Equal(value, SpreadsheetCells.Unprotect(SpreadsheetCells.Protect(value)));
        }

        foreach (var plain in new[] { "Іваненко", "10", "н", "", "'Апостроф", "Мар'яна", "'" })
        {
            Assert.Equal(plain, SpreadsheetCells.Protect(plain));
            Assert.Equal(plain, SpreadsheetCells.Unprotect(plain));
        }
    }

    /// <summary>The cells of a CSV as a spreadsheet gets them (quotes of the CSV removed, nothing else).</summary>
    private static List<string[]> Cells(byte[] csv, bool hasHeader = false)
    {
        using var reader = CsvReader.Create(new MemoryStream(csv), new CsvReaderOptions { HasHeader = hasHeader });
        var rows = new List<string[]>();
        foreach (var row in reader) rows.Add(row.ToArray());
        return rows;
    }

    [Fact]
    public async Task JournalCsv_HomeworkTopicAndSurname_ThatLookLikeFormulas_AreMarkedAsText()
    {
        var rows = Dangerous.Select(v => (IReadOnlyList<string>)["Алгебра", "16.11.2026", "1", v, v, v]).ToList();
        var table = new ExportTable("Зміст уроків", ["Предмет", "Дата", "№ уроку", "Зміст уроку", "Домашнє завдання", "Учень"], rows);
        using var stream = new MemoryStream();
        await JournalExport.WriteCsvAsync(table, stream);
        var cells = Cells(stream.ToArray());
        Assert.Equal(table.Headers, cells[0]);
        for (var i = 0; i < Dangerous.Length; i++)
        {
            Assert.Equal(["Алгебра", "16.11.2026", "1", "'" + Dangerous[i], "'" + Dangerous[i], "'" + Dangerous[i]], cells[i + 1]);
            Assert.All(cells[i + 1], c => Assert.False(SpreadsheetCells.LooksLikeFormula(c)));
        }
    }

    [Fact]
    public async Task InviteSheet_NamesThatLookLikeFormulas_AreMarked_CodesStayAsTheyAre()
    {
        var rows = new List<InviteRow> { new("7-А", "=HYPERLINK(\"http://x\",\"y\") Олег", "@SUM(A1) Галина", "parent", "-abcdefghijklmno", DateTime.UtcNow) };
        using var text = new StringWriter();
        await InvitesVerb.WriteCsvAsync(text, rows, "school_bot", null);
        var cells = Cells(Encoding.UTF8.GetBytes(text.ToString()), hasHeader: true).Single();
        Assert.Equal("'=HYPERLINK(\"http://x\",\"y\") Олег", cells[1]);
        Assert.Equal("'@SUM(A1) Галина", cells[2]);
        Assert.Equal("-abcdefghijklmno", cells[4]);
    }

    /// <summary>Every cell element of every sheet of an XLSX, and whether any formula element is there.</summary>
    private static (List<string> Cells, bool Formulas) SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var cells = new List<string>();
        var formulas = false;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            formulas |= Formula().IsMatch(xml);
            cells.AddRange(CellElement().Matches(xml).Select(m => m.Value));
        }

        return (cells, formulas);
    }

    [GeneratedRegex(@"<(\w+:)?f[\s>/]")]
    private static partial Regex Formula();

    [GeneratedRegex(@"<(\w+:)?c\s[^>]*>.*?</(\w+:)?c>", RegexOptions.Singleline)]
    private static partial Regex CellElement();

    [Fact]
    public async Task Roster_WithFormulaLikeNamesAndAPlusPhone_RoundTripsUnchanged_CsvMarked_XlsxText()
    {
        await using var database = await TestDatabase.SqliteAsync();
        var school = new Bot.Domain.Schools.School("Гімназія (тест формул)", "Europe/Kyiv");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestSchool.Now);
        string[][] typed =
        [
            ["5-Б", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "-1", "03.02.2015", "ч", "@SUM(A1) -1", "+380501234567", "мати"],
            ["5-Б", "Коваль", "Андрій", "", "04.02.2015", "ч", "Коваль Тетяна", "0671112233", "мати"],
        ];
        await using (var db = database.NewContext())
        {
            db.AddRange(school, new Bot.Domain.Schools.SchoolYear(school.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 12), new DateOnly(2027, 5, 30)));
            await db.SaveChangesAsync();
            var first = RosterFile.Read(Bot.Tests.Roster.RosterImportTests.Bytes(Bot.Tests.Roster.RosterImportTests.Csv(typed), true), "a.csv").GetValueOrThrow();
            (await new RosterImportService(db, clock).CommitAsync(Bot.Domain.Journal.Actor.System("тест"), school.Id, first)).GetValueOrThrow();
        }

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
                var cells = Cells(bytes, hasHeader: true);
                var row = cells.Single(r => r[RosterColumns.All.ToList().IndexOf(RosterColumns.Guardian)] == "'@SUM(A1) -1");
                Assert.Equal(["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "'-1"], row[1..4]);
                Assert.Equal("'+380501234567", row[7]);
                Assert.All(cells.SelectMany(c => c), c => Assert.False(SpreadsheetCells.LooksLikeFormula(c)));
            }
            else
            {
                var (cells, formulas) = SheetXml(bytes);
                Assert.False(formulas);
                foreach (var value in new[] { "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+380501234567", "-1" })
                    Assert.All(cells.Where(c => c.Contains(">" + value + "<", StringComparison.Ordinal)),
                        c => Assert.Matches("t=\"(str|inlineStr|s)\"", c));
                Assert.Contains(cells, c => c.Contains("+380501234567", StringComparison.Ordinal));
            }

            var rows = RosterFile.Read(new MemoryStream(bytes), "учні." + format).GetValueOrThrow();
            var back = rows.Single(r => r[RosterColumns.Guardian] == "@SUM(A1) -1");
            Assert.Equal(["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "-1", "+380501234567"],
                [back[RosterColumns.LastName], back[RosterColumns.FirstName], back[RosterColumns.MiddleName], back[RosterColumns.Phone]]);

            await using var db2 = database.NewContext();
            var plan = await new RosterImportService(db2, clock).PreviewAsync(school.Id, rows);
            Assert.True(plan.CanCommit, format + ": " + string.Join(" ", plan.Problems.Select(p => p.Describe())));
            Assert.Equal((0, 0, 0, 0), (plan.NewStudents, plan.UpdatedStudents, plan.NewGuardians, plan.UpdatedGuardians));
        }
    }
}
