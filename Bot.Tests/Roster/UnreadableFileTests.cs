using System.IO.Compression;
using Bot.Domain.Roster.Import;
using Bot.Tests.Fuzz;

namespace Bot.Tests.Roster;

/// <summary>
/// A damaged roster file is refused in Ukrainian, saying what to do — not with the zip reader's English ("End of Central
/// Directory record could not be found"), which the import fuzz found on the page.
/// </summary>
public sealed class UnreadableFileTests
{
    [Theory]
    [InlineData(1101)]
    [InlineData(40)]
    public void TruncatedXlsx_IsRefusedInUkrainian_WithoutTheReadersEnglish(int keep)
    {
        var workbook = XlsxFiles.Workbook(XlsxFiles.Cell("A2", "7-А"));
        var result = RosterFile.Read(new MemoryStream(workbook[..Math.Min(keep, workbook.Length - 1)]), "учні.xlsx");

        Assert.False(result.IsSuccess);
        Assert.Equal(RosterFile.UnreadableXlsx.Message, result.Error!.Message);
        Assert.Null(ReplyChecks.LanguageProblem(result.Error.Message, ""));
        Assert.DoesNotContain("Central", result.Error.Message);
    }

    [Fact]
    public void XlsxWithAPartTwice_IsRefusedInUkrainian_NotAnException()
    {
        // The zip trick the import fuzz found: MiniExcel threw ArgumentException ("same key") and the panel answered 500.
        using var source = new ZipArchive(new MemoryStream(XlsxFiles.Workbook(XlsxFiles.Cell("A2", "7-А"))), ZipArchiveMode.Read);
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries.Concat(source.Entries.Where(e => e.FullName == "xl/sharedStrings.xml")))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }

        var result = RosterFile.Read(new MemoryStream(output.ToArray()), "учні.xlsx");

        Assert.False(result.IsSuccess);
        Assert.Equal(RosterFile.UnreadableXlsx.Message, result.Error!.Message);
    }
}
