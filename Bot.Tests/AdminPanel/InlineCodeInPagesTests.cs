using System.Text.RegularExpressions;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.AdminPanel;

/// <summary>
/// The panel's Content-Security-Policy (script-src 'self', style-src 'self') blocks inline code: a page with an inline
/// handler (onchange="…"), a style attribute or an inline script would silently stop working in the browser. Every page
/// of the panel is scanned, so a new page cannot slip past the browser test's list of pages.
/// </summary>
public sealed partial class InlineCodeInPagesTests
{
    [GeneratedRegex(@"\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"\sstyle\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<script(?![^>]*\ssrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [Fact]
    public void NoPage_HasAnInlineHandler_AStyleAttribute_OrAnInlineScript()
    {
        var pages = Directory.EnumerateFiles(RepositoryRoot.Combine("AdminPanel", "Pages"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.True(pages.Count > 40, $"only {pages.Count} pages found");
        var found = new List<string>();
        foreach (var file in pages)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (var rule in new[] { InlineHandler(), StyleAttribute(), InlineScript() })
                    if (rule.IsMatch(lines[i]))
                        found.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {lines[i].Trim()}");
        }

        Assert.True(found.Count == 0, "Inline code the policy blocks (use data-autosubmit, data-confirm, data-width, classes, files):\n" + string.Join("\n", found));
    }
}
