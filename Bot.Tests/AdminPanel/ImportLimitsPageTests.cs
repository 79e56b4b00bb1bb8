using System.Net;
using System.Net.Http.Headers;
using Bot.Domain.Roster.Import;
using Bot.Tests.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The panel's roster import refuses what is out of bounds with the limit in Ukrainian and writes nothing: a file over
/// 5 MB, the 840 MB "zip bomb"; and it reads a Windows-1251 CSV as Excel saves it on a Ukrainian Windows.
/// </summary>
public sealed class ImportLimitsPageTests
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name)
    {
        var token = await PanelApp.TokenAsync(client, "/Roster/Import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return await client.PostAsync("/Roster/Import?handler=Preview", form);
    }

    private static async Task<int> StudentsAsync(PanelApp app)
    {
        await using var db = app.Database.NewContext();
        return await db.Students.CountAsync();
    }

    [Fact]
    public async Task Deputy_UploadsABombAndAnOversizedFile_SeesTheLimits_NothingIsWritten()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var before = await StudentsAsync(app);

        var page = await client.GetStringAsync("/Roster/Import");
        Assert.Contains("Файл — до 5 МБ, до 20 000 рядків, у клітинці — до 1 000 символів.", WebUtility.HtmlDecode(page));

        var bomb = await UploadAsync(client, XlsxFiles.SheetBomb(840L * 1024 * 1024), "учні.xlsx");
        Assert.Equal(HttpStatusCode.OK, bomb.StatusCode);
        var html = await PanelApp.TextAsync(bomb);
        Assert.Contains(ImportLimits.UnpackedTooBig.Message, html);
        Assert.DoesNotContain("Імпортувати</button>", html);

        var big = await UploadAsync(client, new byte[ImportLimits.MaxFileBytes + 1024], "учні.csv");
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Contains("Файл завеликий: можна завантажити файл до 5 МБ.", await PanelApp.TextAsync(big));

        Assert.Equal(before, await StudentsAsync(app));
    }

    [Fact]
    public async Task Deputy_UploadsAWindows1251Csv_SeesItsStudentsInThePreview()
    {
        await using var app = await PanelApp.StartAsync();
        var client = await app.SignInAsync("deputy");
        var win1251 = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1251)!;
        var response = await UploadAsync(client, win1251.GetBytes(RosterImportTests.Csv(ImportBoundsTests.Rows1251)), "учні.csv");
        var html = await PanelApp.TextAsync(response);
        Assert.DoesNotContain("немає стовпців", html);
        Assert.Contains("Нових учнів: 2", html);
        Assert.Contains("Імпортувати</button>", html);
    }
}
