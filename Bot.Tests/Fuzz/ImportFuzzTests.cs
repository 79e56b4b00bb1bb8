using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Roster.Import;
using Bot.Tests.AdminPanel;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Roster;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bot.Tests.Fuzz;

/// <summary>
/// The roster import (the panel's only import: CSV or XLSX) fed seeded mutated files (docs/operations.md "Replaying a fuzz
/// seed"): bit flips, truncation, other encodings (Windows-1251, UTF-16, KOI8-U), huge cells, formula cells, shuffled and
/// missing columns, XLSX with missing or renamed parts, lying sizes, a CSV named .xlsx and back, empty files, binary junk. Each
/// is read, previewed and committed: a clear Ukrainian refusal or a correct import, never an exception, and never a partial
/// import — a refused commit leaves the roster and the audit trail exactly as they were. A share of them goes through the
/// panel's page over HTTP: never a 500.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    public const int Files = 200;
    public const int ThroughThePanel = 20;
    private const int FixedSeed = 20261121;

    private static readonly Actor Deputy = Actor.System("Імпорт (фаз-тест)");

    private static readonly string[][] Rows =
    [
        .. RosterImportTests.GoodRows,
        .. ImportBoundsTests.Rows1251,
        ["7-А", "Іваненко", "Олег", "", "01.09.2013", "ч", "Іваненко Галина", "+380501234567", "мати"],
    ];

    private static readonly string[] Formulas =
        ["=HYPERLINK(\"http://x\";\"клік\")", "@SUM(1+1)", "+380671112233", "-2+3", "'=1+1", "\t=1", "\r=1", "=cmd|' /C calc'!A0"];

    private static readonly string[] Cells =
    [
        "31.02.2015", "03.02.2035", "1899-01-01", "45000", "ч/ж", "x", "99-Я", "0-А", "7-АА", "", " ", "\u200B", "\u202Eзворотний", "Ґудзь-Мар'яненко",
        "О'Ніл", "<b>жирний</b>", "\"лапки\"", ";", ",", "\"", "\"\"\"", "\r\n", "\n", "🙂", "\0", "ї", "+38 (067) 111-22-33", "0", "абв",
    ];

    [Fact]
    public async Task SeededMutatedRosterFiles_AreRefusedInUkrainianOrImportedWhole_NeverAnException_NeverAPartialImport()
    {
        var seed = FuzzSeed.Of(FixedSeed);
        output.WriteLine($"Seed {seed} ({FuzzSeed.Replay(seed)})");
        var random = new Random(seed);
        await using var database = await TestDatabase.SqliteAsync();
        TestSchool school;
        await using (var db = database.NewContext()) school = await TestSchool.CreateAsync(db);
        var timer = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();

        for (var i = 1; i <= Files; i++)
        {
            var (what, bytes, name) = await MutatedAsync(random, database, school);
            var where = $"File {i} of seed {seed} ({FuzzSeed.Replay(seed)}): {what} ('{name}', {bytes.Length} bytes)";
            var before = await RosterStateAsync(database);
            string outcome;
            try
            {
                outcome = await ImportAsync(database, school, bytes, name, before, where);
            }
            catch (FuzzFailure)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new FuzzFailure($"{where} threw: {e}", e);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"{Files} files in {timer.Elapsed.TotalSeconds:F1} s: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        // Both ways were judged: some files imported whole, some refused.
        Assert.True(outcomes.GetValueOrDefault("imported") > 0, "no mutated file was imported");
        Assert.True(outcomes.Where(o => o.Key != "imported").Sum(o => o.Value) > Files / 3, "too few files were refused");
        await using (var db = database.NewContext())
            Assert.Empty((await new AuditVerifier(db).CheckAsync(school.School.Id, AuditCheckMode.Full)).Problems);
    }

    /// <summary>Reads, previews and commits one file; returns what happened, or throws a <see cref="FuzzFailure"/> naming what is wrong.</summary>
    private static async Task<string> ImportAsync(TestDatabase database, TestSchool school, byte[] bytes, string name, string before, string where)
    {
        var read = RosterFile.Read(new MemoryStream(bytes), name);
        if (!read.IsSuccess)
        {
            Ukrainian(read.Error!.Message, where);
            return "unreadable";
        }

        ImportPlan preview;
        Bot.Domain.Result<ImportPlan> committed;
        await using (var db = database.NewContext()) preview = await new RosterImportService(db, school.Clock).PreviewAsync(school.School.Id, read.Value!);
        // A reason may quote the cell it refuses: the file's own cells are taken out before the language is judged.
        var cells = string.Join(" ", read.Value!.Take(50).SelectMany(r => r.Cells.Values));
        foreach (var message in new[] { preview.FileProblem }.Concat(preview.Problems.SelectMany(p => p.Reasons)).OfType<string>().Distinct().Take(20))
            Ukrainian(message, where, cells);
        // Committed even when the preview said no, as a forged form could.
        await using (var db = database.NewContext()) committed = await new RosterImportService(db, school.Clock).CommitAsync(Deputy, school.School.Id, read.Value!);
        var after = await RosterStateAsync(database);
        var done = committed.IsSuccess && committed.Value!.CanCommit;
        if (done != preview.CanCommit) throw new FuzzFailure($"{where}: the preview said {(preview.CanCommit ? "yes" : "no")}, the commit {(done ? "imported" : "refused")}");
        if (!done)
        {
            if (after != before) throw new FuzzFailure($"{where}: a refused import changed the roster or the audit trail");
            if (!committed.IsSuccess) Ukrainian(committed.Error!.Message, where);
            return preview.FileProblem is null ? "refused by rows" : "refused as a whole";
        }

        // Imported whole: the same file again has nothing new to add.
        await using (var db = database.NewContext())
        {
            var again = await new RosterImportService(db, school.Clock).PreviewAsync(school.School.Id, read.Value!);
            if (again.NewStudents != 0 || again.NewGuardians != 0 || again.NewClasses.Count != 0)
                throw new FuzzFailure($"{where}: imported, yet the same file still has {again.NewStudents} new students, {again.NewGuardians} new guardians");
        }

        return "imported";
    }

    private static void Ukrainian(string message, string where, string echo = "")
    {
        if (ReplyChecks.LanguageProblem(message, echo) is { } problem) throw new FuzzFailure($"{where}: {problem}");
    }

    /// <summary>Everything an import may change, as text: students, guardians, their links, enrolments, classes, and the trail's length.</summary>
    private static async Task<string> RosterStateAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var b = new StringBuilder();
        foreach (var s in (await db.Students.AsNoTracking().ToListAsync()).OrderBy(s => s.Id))
            b.Append($"S {s.Id} {s.LastName} {s.FirstName} {s.MiddleName} {s.BirthDate} {s.Sex}\n");
        foreach (var g in (await db.Guardians.AsNoTracking().ToListAsync()).OrderBy(g => g.Id))
            b.Append($"G {g.Id} {g.LastName} {g.FirstName} {g.MiddleName} {g.Phone}\n");
        foreach (var l in (await db.GuardianStudents.AsNoTracking().ToListAsync()).OrderBy(l => (l.GuardianId, l.StudentId)))
            b.Append($"L {l.GuardianId} {l.StudentId} {l.Relation}\n");
        b.Append($"E {await db.Enrolments.CountAsync()} C {await db.Classes.CountAsync()} A {await db.AuditRecords.CountAsync()}\n");
        return b.ToString();
    }

    // ---- the files ----

    private static readonly Encoding Win1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;
    private static readonly Encoding Koi8U = CodePagesEncodingProvider.Instance.GetEncoding(21866)!;

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Some rows of the base set, each cell now and then replaced by junk, a formula or a huge text.</summary>
    private static List<string[]> RowsOf(Random random)
    {
        var rows = new List<string[]>();
        for (var i = 0; i < 1 + random.Next(6); i++)
        {
            var row = (string[])Pick(random, Rows).Clone();
            for (var c = 0; c < row.Length; c++)
            {
                var roll = random.Next(30);
                if (roll == 0) row[c] = Pick(random, Formulas);
                else if (roll == 1) row[c] = Pick(random, Cells);
                else if (roll == 2) row[c] = new string(Pick(random, ['ї', 'a', ';', '"']), random.Next(2) == 0 ? 999 : 1001 + random.Next(5000));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string CsvOf(Random random, List<string[]> rows)
    {
        var headers = RosterColumns.All.ToList();
        var roll = random.Next(10);
        if (roll == 0) headers = headers.OrderBy(_ => random.Next()).ToList();
        else if (roll == 1) headers.RemoveAt(random.Next(headers.Count));
        else if (roll == 2) headers[random.Next(headers.Count)] = Pick(random, Cells);
        var separator = Pick(random, [';', ';', ',', '\t']);
        // Quoted as Excel quotes: a cell with the separator, a quote or a line break.
        string Quote(string v) => v.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        var text = new StringBuilder(string.Join(separator, headers.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
            text.Append(string.Join(separator, headers.Select(h => RosterColumns.All.ToList().IndexOf(h) is var i and >= 0 ? Quote(row[i]) : ""))).Append("\r\n");
        return text.ToString();
    }

    private static byte[] XlsxOf(List<string[]> rows)
    {
        var sheet = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
            sheet.Append($"<row r=\"{r + 2}\">").Append(string.Concat(rows[r].Select((v, c) => XlsxFiles.Cell($"{(char)('A' + c)}{r + 2}", v.Replace("\0", ""))))).Append("</row>");
        return XlsxFiles.Workbook(sheet.ToString());
    }

    private static async Task<(string What, byte[] Bytes, string Name)> MutatedAsync(Random random, TestDatabase database, TestSchool school)
    {
        var rows = RowsOf(random);
        var kind = random.Next(16);
        switch (kind)
        {
            case 0: return ("a CSV, UTF-8", Encoding.UTF8.GetBytes(CsvOf(random, rows)), "учні.csv");
            case 1: return ("a CSV, UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(CsvOf(random, rows))], "учні.csv");
            case 2: return ("a CSV in Windows-1251", Win1251.GetBytes(CsvOf(random, rows)), "учні.csv");
            case 3: return ("a CSV in KOI8-U", Koi8U.GetBytes(CsvOf(random, rows)), "учні.csv");
            case 4: return ("a CSV in UTF-16 with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(CsvOf(random, rows))], "учні.csv");
            case 5: return ("an XLSX", XlsxOf(rows), "учні.xlsx");
            case 6:
            {
                var bytes = random.Next(2) == 0 ? Encoding.UTF8.GetBytes(CsvOf(random, rows)) : XlsxOf(rows);
                for (var flips = 1 + random.Next(8); flips > 0; flips--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ("a file with flipped bits", bytes, bytes[0] == 'P' ? "учні.xlsx" : "учні.csv");
            }
            case 7:
            {
                var xlsx = random.Next(2) == 0;
                var bytes = xlsx ? XlsxOf(rows) : Encoding.UTF8.GetBytes(CsvOf(random, rows));
                return ("a truncated file", bytes[..random.Next(bytes.Length)], xlsx ? "учні.xlsx" : "учні.csv");
            }
            case 8: return ("an XLSX named .csv", XlsxOf(rows), "учні.csv");
            case 9: return ("a CSV named .xlsx", Encoding.UTF8.GetBytes(CsvOf(random, rows)), "учні.xlsx");
            case 10:
            {
                var junk = new byte[random.Next(4) == 0 ? 0 : random.Next(1, 5000)];
                random.NextBytes(junk);
                return ("binary junk", junk, Pick(random, ["учні.csv", "учні.xlsx", "учні", "учні.txt", "..xlsx"]));
            }
            case 11: return ("an XLSX with its parts changed", ZipTrick(random, XlsxOf(rows)), "учні.xlsx");
            case 12: return ("a small sheet bomb with lying sizes", XlsxFiles.SheetBomb(2L * 1024 * 1024, declared: random.Next(2) == 0 ? 4096 : null), "учні.xlsx");
            case 13:
            {
                // The school's own export, edited: the round trip the README promises.
                await using var db = database.NewContext();
                var stream = new MemoryStream();
                var xlsx = random.Next(2) == 0;
                var export = new RosterExport(db, school.Clock);
                if (xlsx) await export.WriteXlsxAsync(school.School.Id, stream);
                else await export.WriteCsvAsync(school.School.Id, stream);
                var bytes = stream.ToArray();
                if (!xlsx && random.Next(2) == 0)
                {
                    var text = Encoding.UTF8.GetString(bytes) + CsvOf(random, rows).Split("\r\n", 2)[1];
                    bytes = Encoding.UTF8.GetBytes(text);
                }

                return (xlsx ? "the school's XLSX export" : "the school's CSV export, rows added", bytes, xlsx ? "учні.xlsx" : "учні.csv");
            }
            case 14:
                return random.Next(3) switch
                {
                    0 => ("only the headers", Encoding.UTF8.GetBytes(CsvOf(random, [])), "учні.csv"),
                    1 => ("only a BOM", Encoding.UTF8.GetPreamble(), "учні.csv"),
                    _ => ("only blank lines", Encoding.UTF8.GetBytes("\r\n\r\n;;;\r\n"), "учні.csv"),
                };
            default:
            {
                // Far too many rows (over the limit), or many rows of the same students.
                var many = random.Next(2) == 0 ? ImportLimits.MaxRows + 1 : 500;
                var csv = new StringBuilder(string.Join(';', RosterColumns.All)).Append("\r\n");
                for (var i = 0; i < many; i++) csv.Append(string.Join(';', Rows[i % Rows.Length])).Append("\r\n");
                return ($"{many} rows", Encoding.UTF8.GetBytes(csv.ToString()), "учні.csv");
            }
        }
    }

    /// <summary>A workbook whose zip is rearranged: a part dropped, renamed, doubled, stored uncompressed, or a zip inside.</summary>
    private static byte[] ZipTrick(Random random, byte[] xlsx)
    {
        using var source = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var parts = source.Entries.Select(e => (e.FullName, Bytes: ReadAll(e))).ToList();
        var trick = random.Next(5);
        var victim = random.Next(parts.Count);
        if (trick == 0) parts.RemoveAt(victim);
        else if (trick == 1) parts[victim] = ("xl/worksheets/" + Pick(random, ["sheet2.xml", "../../evil.xml", "/abs.xml", "Sheet1.XML"]), parts[victim].Bytes);
        else if (trick == 2) parts.Add(parts[victim]);
        else if (trick == 3) parts[victim] = (parts[victim].FullName, Encoding.UTF8.GetBytes("<не xml"));
        else parts.Add(("xl/worksheets/sheet1.xml.zip", xlsx));
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in parts)
            {
                var entry = zip.CreateEntry(name, random.Next(2) == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
                using var s = entry.Open();
                s.Write(bytes);
            }

        return output.ToArray();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [Fact]
    public async Task SeededMutatedRosterFiles_ThroughThePanel_NeverA500_AndARefusedCommitWritesNothing()
    {
        var seed = FuzzSeed.Of(FixedSeed + 1);
        output.WriteLine($"Seed {seed} ({FuzzSeed.Replay(seed)})");
        var random = new Random(seed);
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var school = app.School!;
        var timer = Stopwatch.StartNew();
        for (var i = 1; i <= ThroughThePanel; i++)
        {
            var (what, bytes, name) = await MutatedAsync(random, app.Database, school);
            var where = $"Upload {i} of seed {seed} ({FuzzSeed.Replay(seed)}): {what} ('{name}', {bytes.Length} bytes)";
            var before = await RosterStateAsync(app.Database);
            var token = await PanelApp.TokenAsync(client, "/Roster/Import");
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", name);
            var preview = await client.PostAsync("/Roster/Import?handler=Preview", form);
            Assert.True(preview.StatusCode == HttpStatusCode.OK, $"{where}: the preview answered {(int)preview.StatusCode}");
            var page = await PanelApp.TextAsync(preview);
            var offered = page.Contains("Імпортувати</button>", StringComparison.Ordinal);

            // The import button's form, sent whether or not the page offered it (as a forged post could).
            token = await PanelApp.TokenAsync(client, "/Roster/Import");
            var commit = await client.PostAsync("/Roster/Import?handler=Commit",
                PanelApp.Form(token, ("fileName", name), ("content", Convert.ToBase64String(bytes))));
            Assert.True(commit.StatusCode == HttpStatusCode.OK, $"{where}: the import answered {(int)commit.StatusCode}");
            if (!offered) Assert.True(await RosterStateAsync(app.Database) == before, $"{where}: an import the preview refused changed the roster");
        }

        output.WriteLine($"{ThroughThePanel} uploads and imports through the panel in {timer.Elapsed.TotalSeconds:F1} s");
    }
}
