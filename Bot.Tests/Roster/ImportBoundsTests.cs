using System.Diagnostics;
using System.Text;
using Bot.Domain;
using Bot.Domain.Roster.Import;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Bot.Tests.Roster;

/// <summary>
/// A roster file within bounds: the two XLSX "zip bombs" — 840 MB of sheet XML and one cell of 1.5 GB, each in
/// a few MB — are refused, honest or with lying sizes, while the reading allocates a few MB; too many rows, too long a
/// cell, a row or column far out and too big a file each get a message naming the limit. A Windows-1251 CSV is read.
/// </summary>
public sealed class ImportBoundsTests(ITestOutputHelper output)
{
    private const long SheetBombXml = 840L * 1024 * 1024;
    private const long CellBombChars = 1536L * 1024 * 1024 / 2; // 1.5 GB of UTF-8 («ї» is two bytes)

    /// <summary>At most this much may be allocated while a bomb is refused: the file's copy and the unpacking buffers.</summary>
    private const long AllocationBound = 24L * 1024 * 1024;

    private Result<IReadOnlyList<RosterFileRow>> ReadMeasured(byte[] file, string name, string what)
    {
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var timer = Stopwatch.StartNew();
        var result = RosterFile.Read(new MemoryStream(file), name);
        timer.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: false) - heapBefore;
        using var process = Process.GetCurrentProcess();
        output.WriteLine($"{what}: {file.Length / 1024} KiB file refused in {timer.ElapsedMilliseconds} ms; allocated {allocated / 1024} KiB, " +
            $"heap growth {heapGrowth / 1024} KiB, working set {process.WorkingSet64 / 1024 / 1024} MB (peak {process.PeakWorkingSet64 / 1024 / 1024} MB)");
        Assert.True(allocated < AllocationBound, $"{what}: {allocated / 1024 / 1024} MB allocated while refusing");
        Assert.True(heapGrowth < AllocationBound, $"{what}: the heap grew by {heapGrowth / 1024 / 1024} MB");
        return result;
    }

    private static void AssertRefused(Result<IReadOnlyList<RosterFileRow>> result, DomainError expected)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(expected.Message, result.Error!.Message);
    }

    [Fact]
    public void SheetBomb_840MB_IsRefusedByTheSizeItDeclares_BeforeUnpacking()
    {
        var bomb = XlsxFiles.SheetBomb(SheetBombXml);
        Assert.True(bomb.Length < ImportLimits.MaxFileBytes, $"the bomb is {bomb.Length} bytes");
        var result = ReadMeasured(bomb, "учні.xlsx", "840 MB sheet, honest sizes");
        AssertRefused(result, ImportLimits.UnpackedTooBig);
        Assert.Contains("понад 64 МБ", result.Error!.Message);
    }

    [Fact]
    public void SheetBomb_840MB_ThatDeclaresAFewKB_IsRefusedWhileUnpacking()
    {
        var bomb = XlsxFiles.SheetBomb(SheetBombXml, declared: 4096);
        AssertRefused(ReadMeasured(bomb, "учні.xlsx", "840 MB sheet, declared 4 KB"), ImportLimits.SizesLie);
    }

    [Fact]
    public void SheetBomb_ThatDeclaresItsSizeUnderTheLimit_ButUnpacksPastIt_IsRefused()
    {
        // Declares 60 MB (within the limit) and unpacks to 840 MB: the scan of what really comes out stops it at the rows.
        var bomb = XlsxFiles.SheetBomb(SheetBombXml, declared: 60L * 1024 * 1024);
        var result = ReadMeasured(bomb, "учні.xlsx", "840 MB sheet, declared 60 MB");
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Error.Message, new[] { ImportLimits.SizesLie.Message, ImportLimits.TooManyRows.Message });
    }

    [Fact]
    public void CellBomb_OneCellOf1_5GB_IsRefused_HonestOrLying()
    {
        var honest = XlsxFiles.CellBomb(CellBombChars);
        Assert.True(honest.Length < ImportLimits.MaxFileBytes, $"the bomb is {honest.Length} bytes");
        AssertRefused(ReadMeasured(honest, "учні.xlsx", "1.5 GB cell, honest sizes"), ImportLimits.UnpackedTooBig);

        // Declaring 4 MB, the shared string is refused by its length as soon as it passes the limit.
        var lying = XlsxFiles.CellBomb(CellBombChars, declared: 4 * 1024 * 1024);
        AssertRefused(ReadMeasured(lying, "учні.xlsx", "1.5 GB cell, declared 4 MB"), ImportLimits.CellTooLong(null));
    }

    [Fact]
    public void HandMadeWorkbook_WithinBounds_IsRead_SoTheRefusalsBelowAreAboutTheBounds()
    {
        var row = "<row r=\"2\">" + string.Concat(new[] { "7-А", "Іваненко", "Олег", "", "14.03.2013", "ч", "Іваненко Галина", "+380671234567", "мати" }
            .Select((v, i) => XlsxFiles.Cell((char)('A' + i) + "2", v))) + "</row>";
        var rows = RosterFile.Read(new MemoryStream(XlsxFiles.Workbook(row, dimension: "A1:I2")), "учні.xlsx").GetValueOrThrow();
        var only = Assert.Single(rows);
        Assert.Equal("Іваненко Галина", only[RosterColumns.Guardian]);
    }

    [Fact]
    public void Xlsx_ARowOrAColumnFarOut_IsRefused_BeforeAReaderFillsTheGap()
    {
        AssertRefused(RosterFile.Read(new MemoryStream(XlsxFiles.Workbook("<row r=\"1048576\">" + XlsxFiles.Cell("A1048576", "7-А") + "</row>")), "a.xlsx"),
            ImportLimits.TooManyRows);
        AssertRefused(RosterFile.Read(new MemoryStream(XlsxFiles.Workbook("<row r=\"2\">" + XlsxFiles.Cell("XFD2", "7-А") + "</row>")), "a.xlsx"),
            ImportLimits.TooManyColumns);
        AssertRefused(RosterFile.Read(new MemoryStream(XlsxFiles.Workbook("", dimension: "A1:XFD1048576")), "a.xlsx"), ImportLimits.TooManyRows);
    }

    private static string[] Student(int i) =>
        ["7-А", "Учень" + i, "Олег", "", "14.03.2013", "ч", "", "", ""];

    [Fact]
    public void TooManyRows_AreRefused_InCsvAndXlsx_TheLimitItselfIsRead()
    {
        var atLimit = Enumerable.Range(0, ImportLimits.MaxRows).Select(Student).ToList();
        Assert.Equal(ImportLimits.MaxRows, RosterFile.Read(RosterImportTests.Bytes(RosterImportTests.Csv(atLimit), bom: true), "a.csv").GetValueOrThrow().Count);

        var over = Enumerable.Range(0, ImportLimits.MaxRows + 1).Select(Student).ToList();
        var csv = RosterFile.Read(RosterImportTests.Bytes(RosterImportTests.Csv(over), bom: true), "a.csv");
        AssertRefused(csv, ImportLimits.TooManyRows);
        Assert.Equal("У файлі понад 20 000 рядків з учнями (можна до 20 000). Розділіть його на кілька файлів.", csv.Error!.Message);

        using var xlsx = new MemoryStream();
        MiniExcel.SaveAs(xlsx, over.Select(r => RosterColumns.All.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => (object)x.Item2)).ToList());
        AssertRefused(RosterFile.Read(new MemoryStream(xlsx.ToArray()), "a.xlsx"), ImportLimits.TooManyRows);
    }

    [Fact]
    public void ALongCell_IsRefused_InCsvWithItsLine_AndInXlsx()
    {
        var rows = RosterImportTests.GoodRows.Select(r => r.ToArray()).ToList();
        rows[1][6] = "Коваль " + new string('ї', ImportLimits.MaxCellChars);
        var csv = RosterFile.Read(RosterImportTests.Bytes(RosterImportTests.Csv(rows), bom: true), "a.csv");
        AssertRefused(csv, ImportLimits.CellTooLong(3));
        Assert.StartsWith("Рядок 3: клітинка довша за 1 000 символів (можна до 1 000).", csv.Error!.Message);

        using var xlsx = new MemoryStream();
        MiniExcel.SaveAs(xlsx, rows.Select(r => RosterColumns.All.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => (object)x.Item2)).ToList());
        AssertRefused(RosterFile.Read(new MemoryStream(xlsx.ToArray()), "a.xlsx"), ImportLimits.CellTooLong(null));

        rows[1][6] = "Коваль " + new string('ї', ImportLimits.MaxCellChars - 7);
        Assert.Equal(5, RosterFile.Read(RosterImportTests.Bytes(RosterImportTests.Csv(rows), bom: true), "a.csv").GetValueOrThrow().Count);
    }

    [Theory]
    [InlineData("a.csv")]
    [InlineData("a.xlsx")]
    public void AFileOverTheSizeLimit_IsRefused_WithTheLimit(string name)
    {
        var big = new byte[ImportLimits.MaxFileBytes + 1];
        var result = RosterFile.Read(new MemoryStream(big), name);
        AssertRefused(result, ImportLimits.FileTooBig);
        Assert.Equal("Файл завеликий: можна завантажити файл до 5 МБ.", result.Error!.Message);

        // A stream that cannot tell its length is cut at the limit too.
        AssertRefused(RosterFile.Read(new UnseekableStream(big), name), ImportLimits.FileTooBig);
    }

    /// <summary>Ukrainian names with і, ї, є, ґ and the apostrophe, as Excel saves "CSV" on a Ukrainian Windows.</summary>
    public static readonly string[][] Rows1251 =
    [
        ["5-Б", "Ґудзь", "Євгенія", "Олексіївна", "03.02.2015", "ж", "Маєвська Ірина Сергіївна", "+380671112233", "мати"],
        ["5-Б", "Мар'яненко", "Їжак", "В'ячеславович", "11.11.2014", "ч", "Дзиґа Юрій Григорович", "0502223344", "батько"],
    ];

    [Fact]
    public async Task Windows1251Csv_WithoutABom_IsReadAsUkrainian_AndPreviews()
    {
        var win1251 = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1251)!;
        var bytes = win1251.GetBytes(RosterImportTests.Csv(Rows1251));
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));
        Assert.Equal(win1251, RosterFile.CsvEncoding(bytes));

        var rows = RosterFile.Read(new MemoryStream(bytes), "учні.csv").GetValueOrThrow();
        Assert.Equal(2, rows.Count);
        Assert.Equal(Rows1251[0], RosterColumns.All.Select(c => rows[0][c]));
        Assert.Equal(Rows1251[1], RosterColumns.All.Select(c => rows[1][c]));

        await using var database = await TestDatabase.SqliteAsync();
        await using var db = database.NewContext();
        var school = await TestSchool.CreateAsync(db);
        var plan = await new RosterImportService(db, school.Clock).PreviewAsync(school.School.Id, rows);
        Assert.True(plan.CanCommit, string.Join(" ", plan.Problems.Select(p => p.Describe())));
        Assert.Equal((2, 2), (plan.NewStudents, plan.NewGuardians));
    }

    [Fact]
    public void Utf8Csv_WithOrWithoutBom_IsStillUtf8()
    {
        Assert.Null(RosterFile.CsvEncoding(Encoding.UTF8.GetBytes(RosterImportTests.Csv(Rows1251))));
        var rows = RosterFile.Read(RosterImportTests.Bytes(RosterImportTests.Csv(Rows1251), bom: false), "a.csv").GetValueOrThrow();
        Assert.Equal("Маєвська Ірина Сергіївна", rows[0][RosterColumns.Guardian]);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
