using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Host.Conversation.Parsing;

namespace Bot.Tests.Conversation.Parsing;

/// <summary>
/// One teacher's view of a school for parser tests. Today is Friday 20 November 2026.
/// <list type="bullet">
/// <item>7-А: algebra, geometry, Ukrainian language and literature, physics, PE, "Захист України", and group I of
/// English (Іваненко, Петренко, Мʼякота). Students: Іваненко Олег, Іванова Анна, Петренко Іван, Сидоренко Марія,
/// Мʼякота Богдан, Середа Ольга, Коваль Дмитро (individual study).</item>
/// <item>8-Б: algebra, and both groups of English. Students: Бондар Олег, Бондар Ірина (namesakes), Бондаренко Юлія,
/// Кравець Андрій; group I: Бондар Олег, Бондаренко Юлія; group II: Бондар Ірина, Кравець Андрій.</item>
/// <item>5-В exists, and the teacher has no lessons there.</item>
/// </list>
/// </summary>
internal static class TestRoster
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public static readonly ClassEntry Class7A = new(Guid.NewGuid(), new ClassName(7, "А"));
    public static readonly ClassEntry Class8B = new(Guid.NewGuid(), new ClassName(8, "Б"));
    public static readonly ClassEntry Class5V = new(Guid.NewGuid(), new ClassName(5, "В"));

    public static readonly SubjectEntry Algebra = new(Guid.NewGuid(), "Алгебра", ["алг"], new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn));
    public static readonly SubjectEntry Geometry = new(Guid.NewGuid(), "Геометрія", "геом");
    public static readonly SubjectEntry Ukrainian = new(Guid.NewGuid(), "Українська мова", ["укр мова", "укрмова"],
        new SubjectTraits(Notebook: NotebookPolicy.CountsAsCurrent, IsLanguageOrLiterature: true));
    public static readonly SubjectEntry UkrainianLiterature = new(Guid.NewGuid(), "Українська література", ["укр літ", "укрліт"],
        new SubjectTraits(IsLanguageOrLiterature: true));
    public static readonly SubjectEntry English = new(Guid.NewGuid(), "Англійська мова", ["англ"],
        new SubjectTraits(Notebook: NotebookPolicy.SeparateColumn, IsForeignLanguage: true));
    public static readonly SubjectEntry Defence = new(Guid.NewGuid(), "Захист України", [], new SubjectTraits(IsDefenceOfUkraine: true));
    public static readonly SubjectEntry PhysicalEducation = new(Guid.NewGuid(), "Фізична культура", ["фізра"], new SubjectTraits(IsPhysicalEducation: true));
    public static readonly SubjectEntry Physics = new(Guid.NewGuid(), "Фізика", "фіз");

    public static readonly StudentEntry Ivanenko = new(Guid.NewGuid(), "Іваненко", "Олег");
    public static readonly StudentEntry Ivanova = new(Guid.NewGuid(), "Іванова", "Анна");
    public static readonly StudentEntry Petrenko = new(Guid.NewGuid(), "Петренко", "Іван");
    public static readonly StudentEntry Sydorenko = new(Guid.NewGuid(), "Сидоренко", "Марія");
    public static readonly StudentEntry Myakota = new(Guid.NewGuid(), "Мʼякота", "Богдан");
    public static readonly StudentEntry Sereda = new(Guid.NewGuid(), "Середа", "Ольга");
    public static readonly StudentEntry Koval = new(Guid.NewGuid(), "Коваль", "Дмитро", IndividualStudy: true);

    public static readonly StudentEntry BondarOleh = new(Guid.NewGuid(), "Бондар", "Олег");
    public static readonly StudentEntry BondarIryna = new(Guid.NewGuid(), "Бондар", "Ірина");
    public static readonly StudentEntry Bondarenko = new(Guid.NewGuid(), "Бондаренко", "Юлія");
    public static readonly StudentEntry Kravets = new(Guid.NewGuid(), "Кравець", "Андрій");

    public static readonly Guid English7AGroup1 = Guid.NewGuid();
    public static readonly Guid English8BGroup1 = Guid.NewGuid();
    public static readonly Guid English8BGroup2 = Guid.NewGuid();

    public static readonly RosterSnapshot Snapshot = new(
        [Class7A, Class8B, Class5V],
        [
            new TeachingEntry(Class7A.Id, Algebra),
            new TeachingEntry(Class7A.Id, Geometry),
            new TeachingEntry(Class7A.Id, Ukrainian),
            new TeachingEntry(Class7A.Id, UkrainianLiterature),
            new TeachingEntry(Class7A.Id, Physics),
            new TeachingEntry(Class7A.Id, PhysicalEducation),
            new TeachingEntry(Class7A.Id, Defence),
            new TeachingEntry(Class7A.Id, English, English7AGroup1, "I група", [Ivanenko.Id, Petrenko.Id, Myakota.Id]),
            new TeachingEntry(Class8B.Id, Algebra),
            new TeachingEntry(Class8B.Id, English, English8BGroup1, "I група", [BondarOleh.Id, Bondarenko.Id]),
            new TeachingEntry(Class8B.Id, English, English8BGroup2, "II група", [BondarIryna.Id, Kravets.Id]),
        ],
        new Dictionary<Guid, IReadOnlyList<StudentEntry>>
        {
            [Class7A.Id] = [Ivanenko, Ivanova, Petrenko, Sydorenko, Myakota, Sereda, Koval],
            [Class8B.Id] = [BondarOleh, BondarIryna, Bondarenko, Kravets],
        });

    public static IReadOnlyList<StudentEntry> Students7A => Snapshot.StudentsOf(Class7A.Id);
}

/// <summary>Assertions that show the parser's own message when an outcome is not the expected one.</summary>
internal static class ParsedAssert
{
    public static T Ok<T>(Parsed<T> parsed)
    {
        Assert.True(parsed.IsSuccess, parsed.ToString());
        return parsed.Value!;
    }

    public static Bot.Domain.DomainError Refused<T>(Parsed<T> parsed, string code)
    {
        Assert.True(parsed.IsFailure, parsed.ToString());
        Assert.Equal(code, parsed.Error.Code);
        return parsed.Error;
    }

    public static Ambiguity Ambiguous<T>(Parsed<T> parsed, AmbiguityKind kind)
    {
        Assert.True(parsed.IsAmbiguous, parsed.ToString());
        Assert.Equal(kind, parsed.Ambiguity.Kind);
        return parsed.Ambiguity;
    }
}
