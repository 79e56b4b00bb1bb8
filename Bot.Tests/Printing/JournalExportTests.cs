using System.Text;
using Bot.Domain.Diary;
using Bot.Domain.Printing;
using Bot.Host.Cli;
using Bot.Tests.Builders;
using CsvHelper;
using MiniExcelLibs;

namespace Bot.Tests.Printing;

/// <summary>
/// CSV (UTF-8 with BOM, `;`) and XLSX (a sheet per subject page) exports of the test school's 7-А read back as a person's
/// spreadsheet would read them, and the `export journal` verb (one class, and `--all`).
/// </summary>
public sealed class JournalExportTests : IAsyncLifetime
{
    private PrintScenario _scenario = null!;
    private TestSchool S => _scenario.S;

    public async Task InitializeAsync() => _scenario = await PrintScenario.CreateAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    private async Task<ClassJournal> JournalAsync(string period = "semester1")
    {
        await using var db = _scenario.Database.NewContext();
        return (await new DiaryQueries(db, S.Clock).ClassJournalAsync(S.Class7A.Id, period)).GetValueOrThrow();
    }

    [Theory]
    [InlineData(JournalSection.Journal)]
    [InlineData(JournalSection.Lessons)]
    [InlineData(JournalSection.Attendance)]
    [InlineData(JournalSection.Achievements)]
    public async Task Csv_HasABomAndSemicolons_AndReadsBackAsTheSameTable(JournalSection section)
    {
        var table = JournalExport.Table(await JournalAsync(), section);
        using var stream = new MemoryStream();
        await JournalExport.WriteCsvAsync(table, stream);
        var bytes = stream.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Contains(";", Encoding.UTF8.GetString(bytes).Split("\r\n")[0]);

        stream.Position = 0;
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true }, leaveOpen: true);
        var rows = new List<string[]>();
        foreach (var row in reader) rows.Add(row.ToArray());
        Assert.Equal(table.Headers, reader.Headers);
        Assert.Equal(table.Rows.Select(r => r.ToArray()), rows);
        Assert.NotEmpty(rows);
    }

    [Fact]
    public async Task Csv_JournalSection_HoldsEachMarkAndAbsence()
    {
        var rows = JournalExport.Table(await JournalAsync(), JournalSection.Journal).Rows;
        Assert.Contains(rows, r => r.SequenceEqual(["Алгебра", "16.11.2026", "", "2", "Іваненко Олег", "10"]));
        Assert.Contains(rows, r => r.SequenceEqual(["Алгебра", "18.11.2026", "", "4", "Сидоренко Андрій", "хв"]));
        Assert.Contains(rows, r => r[0] == "Алгебра" && r[2] == "Тематична" && r[4] == "Іваненко Олег" && r[5] == "10");
        Assert.Contains(rows, r => r.SequenceEqual(["Англійська мова (I група)", "17.11.2026", "", "3", "Петренко Марія", "12"]));
        Assert.Equal(9, rows.Count); // 6 marks and 2 absences in algebra (thematic included), 1 in English
    }

    [Fact]
    public async Task Xlsx_HasASheetPerSubjectPage_AndTheSummaries_ReadBack()
    {
        using var stream = new MemoryStream();
        await JournalExport.WriteXlsxAsync(await JournalAsync(), stream);
        stream.Position = 0;
        Assert.Equal(["Алгебра", "Англійська мова (I група)", "Зміст уроків", "Відвідування", "Зведений облік"], MiniExcel.GetSheetNames(stream));

        stream.Position = 0;
        var algebra = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Алгебра", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var ivanenko = algebra.Single(r => (string?)r["Учень"] == "Іваненко Олег");
        Assert.Equal("10", ivanenko["16.11"]?.ToString());
        Assert.Equal("11", ivanenko["18.11"]?.ToString());
        Assert.Equal("10", ivanenko["Тематична 20.11"]?.ToString());
        Assert.Equal("н", algebra.Single(r => (string?)r["Учень"] == "Сидоренко Андрій")["16.11"]?.ToString());

        stream.Position = 0;
        var lessons = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Зміст уроків", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(lessons, l => l["Зміст уроку"]?.ToString() == PrintScenario.LongTopic);
        Assert.Contains(lessons, l => l["Домашнє завдання"]?.ToString() == "№ 330 Заміна. Ткаченко А. М.");
    }

    [Fact]
    public async Task SheetNames_FollowExcelRules()
    {
        Assert.Equal("Історія України- Всесвітня істо", JournalExport.SheetName("Історія України/ Всесвітня історія", []));
        Assert.Equal("Алгебра (2)", JournalExport.SheetName("Алгебра", ["алгебра"]));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ExportVerb_OneClassToAFile_AndEveryClassToAFolder()
    {
        var dir = Directory.CreateTempSubdirectory("export-").FullName;
        try
        {
            var settings = $"--ConnectionStrings:Journal={_scenario.Database.ConnectionString}";
            var output = new StringWriter();
            var pdf = Path.Combine(dir, "7a.pdf");
            Assert.Equal(0, await Verbs.RunAsync(["export", "journal", "--class", "7-А", "--period", "semester1", "--format", "pdf", "--out", pdf, settings], output, TextWriter.Null));
            using (var file = new PdfFile(await File.ReadAllBytesAsync(pdf)))
                Assert.Contains("Сидоренко Андрій", await file.TextAsync());
            Assert.Contains("7a.pdf", output.ToString());

            var all = Path.Combine(dir, "all");
            Assert.Equal(0, await Verbs.RunAsync(["export", "journal", "--all", "--period", "semester1", "--format", "csv", "--section", "attendance", "--out", all, settings],
                TextWriter.Null, TextWriter.Null));
            Assert.Equal(["журнал-1-А-semester1-відвідування.csv", "журнал-11-А-semester1-відвідування.csv", "журнал-3-А-semester1-відвідування.csv",
                "журнал-7-А-semester1-відвідування.csv"], Directory.GetFiles(all).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ExportVerb_AStudentsReport_ByNameOrId_ToAFile()
    {
        var dir = Directory.CreateTempSubdirectory("report-").FullName;
        try
        {
            var settings = $"--ConnectionStrings:Journal={_scenario.Database.ConnectionString}";
            var output = new StringWriter();
            var pdf = Path.Combine(dir, "ivanenko.pdf");
            Assert.Equal(0, await Verbs.RunAsync(["export", "report", "--student", "Іваненко Олег", "--semester", "1", "--out", pdf, settings], output, TextWriter.Null));
            using (var file = new PdfFile(await File.ReadAllBytesAsync(pdf)))
            {
                var text = await file.TextAsync();
                Assert.Contains("Іваненко Олег", text);
                Assert.Contains("Алгебра", text);
            }

            Assert.Contains("ivanenko.pdf", output.ToString());
            var byId = Path.Combine(dir, "by-id.pdf");
            Assert.Equal(0, await Verbs.RunAsync(["export", "report", "--student", S.Petrenko.Id.ToString(), "--out", byId, settings], TextWriter.Null, TextWriter.Null));
            Assert.True(new FileInfo(byId).Length > 1000);
            var error = new StringWriter();
            Assert.Equal(2, await Verbs.RunAsync(["export", "report", "--student", "Нікого Немає", "--out", byId, settings], TextWriter.Null, error));
            Assert.Contains("no student \"Нікого Немає\"", error.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ExportVerb_BadArguments_ExitNonZero_WithAMessage()
    {
        var settings = $"--ConnectionStrings:Journal={_scenario.Database.ConnectionString}";
        var error = new StringWriter();
        Assert.Equal(2, await Verbs.RunAsync(["export", "journal", "--class", "7-А", "--format", "pdf", "--out", "x.pdf", settings], TextWriter.Null, error));
        Assert.Contains("--period is required", error.ToString());
        Assert.Equal(2, await Verbs.RunAsync(["export", "journal", "--class", "9-Я", "--period", "year", "--format", "pdf", "--out", "x.pdf", settings], TextWriter.Null, error));
        Assert.Contains("no class 9-Я", error.ToString());
        Assert.Equal(1, await Verbs.RunAsync(["export", "journal", "--class", "7-А", "--period", "2030-01", "--format", "pdf", "--out", "x.pdf", settings], TextWriter.Null, error));
        Assert.Contains("не входить у 2026-2027 навчальний рік", error.ToString());
        Assert.False(File.Exists("x.pdf"));
    }
}
