using Bot.Host.Jobs;

namespace Bot.Tests.Jobs;

/// <summary>
/// The evening is composed a part of the school at a time (memory: a 10,000-student school's day is never held at
/// once). Every family is in exactly one part, and its part loads every class its children attend, so a family with
/// children far apart in the school still gets one message with both.
/// </summary>
public sealed class DailyDiaryPartsTests
{
    [Fact]
    public void EveryFamilyInOnePart_WithTheClassesOfAllItsChildren_AndPartsOfBoundedSize()
    {
        var classes = Enumerable.Range(0, 3 * DailyDiaryJob.ClassesPerPart + 5).Select(_ => Guid.NewGuid()).Order().ToList();
        var classOf = new Dictionary<Guid, Guid>();
        var links = new List<(Guid Guardian, Guid Student)>();
        var guardians = new List<Guid>();
        foreach (var cls in classes)
        {
            for (var i = 0; i < 3; i++)
            {
                var (guardian, student) = (Guid.NewGuid(), Guid.NewGuid());
                guardians.Add(guardian);
                classOf[student] = cls;
                links.Add((guardian, student));
            }
        }

        // A family with a child in the first class and one in the last; a family whose only child left (no class today).
        var (siblings, older, younger) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        classOf[older] = classes[^1];
        classOf[younger] = classes[0];
        links.AddRange([(siblings, older), (siblings, younger)]);
        var (left, leaver) = (Guid.NewGuid(), Guid.NewGuid());
        links.Add((left, leaver));
        guardians.AddRange([siblings, left]);

        var children = links.ToLookup(l => l.Guardian, l => l.Student);
        var parts = DailyDiaryJob.Parts(guardians, children, classOf).ToList();

        Assert.Equal(4, parts.Count); // 125 classes, 40 a part
        Assert.Equal(guardians.Order(), parts.SelectMany(p => p.Guardians).Order()); // each family exactly once
        foreach (var part in parts)
        {
            foreach (var guardian in part.Guardians)
                Assert.All(children[guardian].Where(classOf.ContainsKey), s => Assert.Contains(classOf[s], part.Classes));
            Assert.True(part.Classes.Count <= DailyDiaryJob.ClassesPerPart + 1, $"a part loads {part.Classes.Count} classes");
        }

        var withSiblings = parts.Single(p => p.Guardians.Contains(siblings));
        Assert.Contains(classes[0], withSiblings.Classes);
        Assert.Contains(classes[^1], withSiblings.Classes);
        Assert.Contains(left, parts[0].Guardians);
    }
}
