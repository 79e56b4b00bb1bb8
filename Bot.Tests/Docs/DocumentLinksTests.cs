using System.Text.RegularExpressions;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Docs;

/// <summary>
/// The README stays one page, and every link between the repository's own documents leads to a file that exists, so a
/// newcomer following them never lands on nothing.
/// </summary>
public sealed partial class DocumentLinksTests
{
    [Fact]
    public void TheReadmeIsOnePageWithTheTwoCommands()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("README.md"));
        Assert.True(lines.Length < 150, $"README.md has {lines.Length} lines; keep it one page and move detail into docs/.");
        Assert.Contains(lines, l => l.StartsWith("dotnet run --project Bot.Host -- --demo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bash scripts/test.sh", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryRelativeLinkInTheDocumentsResolves()
    {
        var documents = new[] { RepositoryRoot.Combine("README.md") }
            .Concat(Directory.GetFiles(RepositoryRoot.Combine("docs"), "*.md", SearchOption.AllDirectories));
        var broken = new List<string>();
        foreach (var document in documents)
        {
            var folder = Path.GetDirectoryName(document)!;
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(document)))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal))
                    continue;
                var path = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
                if (!File.Exists(path) && !Directory.Exists(path))
                    broken.Add($"{Path.GetRelativePath(RepositoryRoot.Path, document)} → {target}");
            }
        }

        Assert.True(broken.Count == 0, "Links to nothing: " + string.Join("; ", broken));
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
