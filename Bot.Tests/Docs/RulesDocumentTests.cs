using System.Text.RegularExpressions;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Docs;

/// <summary>
/// Every rule id the code cites ("J-7", "M-3", "A-1", "N-7") resolves in the repository's own rules document
/// (docs/rules.md), so a newcomer can follow it without files from outside the repository.
/// </summary>
public sealed partial class RulesDocumentTests
{
    [Fact]
    public void EveryRuleIdCitedInTheCode_HasItsRowInDocsRules()
    {
        var root = RepositoryRoot.Path;
        var rules = File.ReadAllText(Path.Combine(root, "docs", "rules.md"));
        var documented = RuleRow().Matches(rules).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var cited = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in new[] { "Bot.Domain", "Bot.Host", "AdminPanel" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*.cs*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                continue;
            foreach (Match m in RuleId().Matches(File.ReadAllText(file)))
                cited.TryAdd(m.Value, relative);
        }

        Assert.NotEmpty(cited);
        var missing = cited.Where(c => !documented.Contains(c.Key)).Select(c => $"{c.Key} (cited in {c.Value})").ToList();
        Assert.True(missing.Count == 0, "Rule ids cited in the code with no row in docs/rules.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheDecisionsIndex_ListsEveryRecord()
    {
        var dir = Path.Combine(RepositoryRoot.Path, "docs", "decisions");
        var index = File.ReadAllText(Path.Combine(dir, "README.md"));
        var records = Directory.EnumerateFiles(dir, "0*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(records.Count > 30, $"only {records.Count} records found in {dir}");
        var unlisted = records.Where(r => !index.Contains($"]({r})", StringComparison.Ordinal)).ToList();
        Assert.True(unlisted.Count == 0, "Records missing from docs/decisions/README.md: " + string.Join(", ", unlisted));
    }


    [GeneratedRegex(@"(?<![\w-])[JMAN]-\d{1,2}(?![\w-])")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^\| ([JMAN]-\d{1,2}) \|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
