using System.Diagnostics;
using SkiaSharp;

namespace Bot.Tests.Printing;

/// <summary>
/// A PDF written to a temporary file and read back with poppler-utils, as a person's reader would: its text
/// (<c>pdftotext</c>), its information (<c>pdfinfo</c>) and its pages as pictures (<c>pdftoppm -png</c>).
/// </summary>
public sealed class PdfFile : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pdf-").FullName;

    public PdfFile(byte[] bytes)
    {
        Bytes = bytes;
        Path = System.IO.Path.Combine(_dir, "document.pdf");
        File.WriteAllBytes(Path, bytes);
    }

    public byte[] Bytes { get; }
    public string Path { get; }

    /// <summary>The text of the whole document, or of pages <paramref name="first"/>..<paramref name="last"/>.</summary>
    public Task<string> TextAsync(int? first = null, int? last = null)
    {
        List<string> args = [];
        if (first is { } f) args.AddRange(["-f", f.ToString()]);
        if (last is { } l) args.AddRange(["-l", l.ToString()]);
        return RunAsync("pdftotext", [.. args, Path, "-"]);
    }

    /// <summary>The lines of <c>pdfinfo</c> as a dictionary ("Pages", "Title", "Author", ...).</summary>
    public async Task<Dictionary<string, string>> InfoAsync()
    {
        var output = await RunAsync("pdfinfo", [Path]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
    }

    public async Task<int> PageCountAsync() => int.Parse((await InfoAsync())["Pages"]);

    /// <summary>Renders page <paramref name="page"/> at <paramref name="dpi"/> and returns the PNG's path (kept until disposed).</summary>
    public async Task<string> RenderAsync(int page, int dpi = 60)
    {
        var prefix = System.IO.Path.Combine(_dir, $"page{page}");
        await RunAsync("pdftoppm", ["-png", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", Path, prefix]);
        return prefix + ".png";
    }

    /// <summary>The share of a rendered page's pixels that are not white: 0 for a blank page.</summary>
    public async Task<double> InkAsync(int page)
    {
        using var bitmap = SKBitmap.Decode(await RenderAsync(page));
        long dark = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
                if (bitmap.GetPixel(x, y).Red < 200) dark++;
        return dark / (bitmap.Width * bitmap.Height / 4.0);
    }

    private static async Task<string> RunAsync(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
