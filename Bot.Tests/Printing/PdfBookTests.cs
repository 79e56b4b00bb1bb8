using System.Text;
using Bot.Domain.Printing;

namespace Bot.Tests.Printing;

/// <summary>The PDF toolkit: wrapped text, tables that repeat their header, "сторінка N з M", metadata and PDF/A.</summary>
public sealed class PdfBookTests
{
    private static readonly PdfInfo Info = new("Класний журнал 7-А", "Ліцей № 1", new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));

    private static PdfTable LongTable(int rows)
    {
        var table = new PdfTable([new PdfColumn("№", 20, PdfAlign.Right), new PdfColumn("Прізвище, ім'я учня"), new PdfColumn("Оцінка", 40, PdfAlign.Center)]);
        for (var i = 1; i <= rows; i++) table.Add(i.ToString(), $"Учень{i:000} Прізвищенко-Довгоназвенко", (i % 12 + 1).ToString());
        return table;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APageOfText_IsAFewTensOfKilobytes_ItsFontsCutToTheGlyphsUsed(bool archive)
    {
        // A parent's report on a phone: before the fonts were cut, every PDF carried 1.4 MB of them.
        using var book = new PdfBook("Ліцей № 1, 7-А, 2026-2027", Info with { Archive = archive });
        book.AddPage(PdfOrientation.Portrait, "Алгебра");
        book.Paragraph("Звіт про навчання: Іваненко Олег, 7-А", PdfStyle.Title);
        book.Table(LongTable(20));
        using var pdf = new PdfFile(book.ToBytes());

        Assert.True(pdf.Bytes.Length < 100_000, $"{pdf.Bytes.Length:N0} bytes");
        var text = await pdf.TextAsync();
        Assert.Contains("Звіт про навчання: Іваненко Олег, 7-А", text);
        Assert.Contains("Учень020 Прізвищенко-Довгоназвенко", text);
        Assert.True(await pdf.InkAsync(1) > 0.005);
    }

    [Fact]
    public async Task TableLongerThanAPage_RepeatsItsHeaderOnEveryPage_AndNumbersThePages()
    {
        using var book = new PdfBook("Ліцей № 1, 7-А, 2026-2027", Info);
        book.AddPage(PdfOrientation.Portrait, "Алгебра");
        book.Table(LongTable(150));
        using var pdf = new PdfFile(book.ToBytes());

        var pages = await pdf.PageCountAsync();
        Assert.True(pages >= 3, $"150 rows took {pages} page(s)");
        Assert.Equal(book.Pages.Count, pages);
        for (var p = 1; p <= pages; p++)
        {
            var text = await pdf.TextAsync(p, p);
            Assert.Contains("Прізвище, ім'я учня", text);
            Assert.Contains("Ліцей № 1, 7-А, 2026-2027", text);
            Assert.Contains($"сторінка {p} з {pages}", text);
        }

        var all = await pdf.TextAsync();
        for (var i = 1; i <= 150; i++) Assert.Contains($"Учень{i:000}", all);
    }

    [Fact]
    public async Task LongTopicAndWordWiderThanItsColumn_AreWrapped_NotCut()
    {
        var word = "Найдовшеслово" + new string('ї', 60) + "Кінець";
        var topic = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"тема{i}"));
        using var book = new PdfBook("Ліцей № 1, 7-А, 2026-2027", Info);
        book.AddPage(PdfOrientation.Landscape);
        book.Table(new PdfTable([new PdfColumn("Дата", 40), new PdfColumn("Зміст уроку", 120)]).Add("01.09", topic).Add("02.09", word));
        using var pdf = new PdfFile(book.ToBytes());

        var text = (await pdf.TextAsync()).Replace("\n", " ");
        for (var i = 1; i <= 40; i++) Assert.Contains($"тема{i} ", text + " ");
        var letters = new StringBuilder();
        foreach (var c in await pdf.TextAsync()) if (c is 'ї') letters.Append(c);
        Assert.Equal(60, letters.Length);
        Assert.Contains("Кінець", text);
        Assert.All(book.Text.Wrap(word, PdfStyle.Small, 116), l => Assert.True(book.Text.Width(l, PdfStyle.Small) <= 116));
    }

    [Fact]
    public async Task Metadata_TitleAuthorAndCreationDate_AreInThePdf()
    {
        using var book = new PdfBook("Ліцей № 1, 7-А, 2026-2027", Info);
        book.AddPage(PdfOrientation.Portrait);
        book.Paragraph("Класний журнал", PdfStyle.Title);
        using var pdf = new PdfFile(book.ToBytes());

        var info = await pdf.InfoAsync();
        Assert.Equal("Класний журнал 7-А", info["Title"]);
        Assert.Equal("Ліцей № 1", info["Author"]);
        Assert.Contains("2026", info["CreationDate"]);
        Assert.Equal("A4", PaperOf(info["Page size"]));
    }

    [Fact]
    public async Task ArchiveCopy_DeclaresPdfA_AndAnOrdinaryOneDoesNot()
    {
        static byte[] Make(bool archive)
        {
            using var book = new PdfBook("Ліцей № 1, 7-А, 2026-2027", Info with { Archive = archive });
            book.AddPage(PdfOrientation.Portrait);
            book.Paragraph("Архівна копія", PdfStyle.Body);
            return book.ToBytes();
        }

        using var archive = new PdfFile(Make(true));
        using var ordinary = new PdfFile(Make(false));
        Assert.Contains("pdfaid:part", Encoding.Latin1.GetString(archive.Bytes));
        Assert.DoesNotContain("pdfaid:part", Encoding.Latin1.GetString(ordinary.Bytes));
        Assert.Contains("Архівна копія", await archive.TextAsync());
    }

    [Fact]
    public async Task RenderedPage_IsNotBlank()
    {
        using var book = new PdfBook("Ліцей № 1, 7-А, 2026-2027", Info);
        book.AddPage(PdfOrientation.Landscape);
        book.Table(LongTable(20));
        using var pdf = new PdfFile(book.ToBytes());
        Assert.True(await pdf.InkAsync(1) > 0.01);
    }

    private static string PaperOf(string pageSize) => pageSize.Contains("(A4)") ? "A4" : pageSize;
}
