using Bot.Domain.Grading;
using Bot.Domain.Roster;

namespace Bot.Domain.Demo;

/// <summary>How a subject's homework reads (J-8): what a teacher of it writes.</summary>
internal enum HomeworkStyle
{
    None,
    Language,
    Literature,
    Foreign,
    Mathematics,
    Science,
    Humanities,
    Informatics,
    Primary,
    Practical,
}

/// <summary>
/// A subject of the demo curriculum: its name, traits (M-3, M-4, M-11, J-10), the short names teachers type, who
/// teaches it (<see cref="Specialty"/>: subjects of one specialty in one class go to one teacher) and whether
/// grades 5–11 split into two groups for it (J-5).
/// </summary>
internal sealed record SubjectSpec(
    string Key,
    string Name,
    string Aliases,
    string Specialty,
    HomeworkStyle Homework,
    SubjectTraits Traits,
    SubjectKind Kind = SubjectKind.Regular,
    bool SplitFromGrade5 = false)
{
    /// <summary>Lessons of optional and elective courses are held after the day's lessons, by their own timetable.</summary>
    public bool AfterLessons => Kind != SubjectKind.Regular;
}

/// <summary>A realistic curriculum of a Ukrainian school: subjects and weekly hours per grade.</summary>
internal static class Curriculum
{
    /// <summary>The class teacher of a primary class teaches the subjects of this specialty in it.</summary>
    public const string PrimarySpecialty = "primary";

    private static readonly SubjectTraits Native = new(Notebook: NotebookPolicy.CountsAsCurrent, IsLanguageOrLiterature: true);
    private static readonly SubjectTraits Foreign = new(Notebook: NotebookPolicy.SeparateColumn, IsForeignLanguage: true);
    private static readonly SubjectTraits Maths = new(Notebook: NotebookPolicy.SeparateColumn);
    private static readonly SubjectTraits Plain = SubjectTraits.Regular;

    public static readonly IReadOnlyList<SubjectSpec> Subjects =
    [
        new("ukr", "Українська мова", "укр мова,укр. мова,укрмова,українська,укр", "ukr", HomeworkStyle.Language, Native),
        new("ukrlit", "Українська література", "укр літ,укр. літ,укрліт,українська літ,укр літ-ра", "ukr", HomeworkStyle.Literature, Native),
        new("zar", "Зарубіжна література", "зар літ,зар. літ,зарліт,зарубіжна,світова література", "zar", HomeworkStyle.Literature, Native),
        new("read", "Літературне читання", "читання,літ читання,літ. читання,чит", PrimarySpecialty, HomeworkStyle.Primary, new(IsLanguageOrLiterature: true)),
        new("eng", "Англійська мова", "англ,англ. мова,англійська,англ мова,english", "eng", HomeworkStyle.Foreign, Foreign, SplitFromGrade5: true),
        new("ger", "Німецька мова", "нім,нім. мова,німецька,нім мова", "ger", HomeworkStyle.Foreign, Foreign),
        new("math", "Математика", "мат,матем,матем.,математика", "math", HomeworkStyle.Mathematics, Maths),
        new("alg", "Алгебра", "алг,алг.,алгебра", "math", HomeworkStyle.Mathematics, Maths),
        new("geom", "Геометрія", "геом,геом.,геометрія", "math", HomeworkStyle.Mathematics, Maths),
        new("histu", "Історія України", "іст укр,іст. укр,історія україни,історія укр,історія", "hist", HomeworkStyle.Humanities, Plain),
        new("world", "Всесвітня історія", "всесв іст,всесвітня,всесвітня іст,всесв. історія", "hist", HomeworkStyle.Humanities, Plain),
        new("civic", "Громадянська освіта", "громадянська,гром освіта,гром. освіта", "hist", HomeworkStyle.Humanities, Plain),
        new("geo", "Географія", "геогр,геогр.,географія", "geo", HomeworkStyle.Humanities, Plain),
        new("nature", "Пізнаємо природу", "природа,пізнаємо природу,природознавство", "bio", HomeworkStyle.Science, Plain),
        new("bio", "Біологія", "біо,біол,біологія", "bio", HomeworkStyle.Science, Plain),
        new("health", "Основи здоров'я", "осн здоров'я,основи здоров'я,оз,здоров'я", "bio", HomeworkStyle.Humanities, Plain),
        new("phys", "Фізика", "фіз,фізика", "phys", HomeworkStyle.Science, Plain),
        new("astro", "Астрономія", "астр,астрономія", "phys", HomeworkStyle.Science, Plain),
        new("chem", "Хімія", "хім,хімія", "chem", HomeworkStyle.Science, Plain),
        new("inf", "Інформатика", "інф,інформ,інформатика", "inf", HomeworkStyle.Informatics, Plain, SplitFromGrade5: true),
        new("pe", "Фізична культура", "фізра,фізкультура,фіз-ра,фізкульт,фк", "pe", HomeworkStyle.None, new(IsPhysicalEducation: true)),
        new("art", "Мистецтво", "мист,мистецтво", "art", HomeworkStyle.Practical, Plain),
        new("techn", "Технології", "техн,технології", "tech", HomeworkStyle.Practical, Plain),
        new("trud", "Трудове навчання", "труд,трудове,трудове навчання,трудо", "tech", HomeworkStyle.Practical, Plain),
        new("dt", "Дизайн і технології", "дит,дизайн,дизайн і технології", PrimarySpecialty, HomeworkStyle.None, Plain),
        new("yds", "Я досліджую світ", "ядс,я досліджую світ,досліджую світ", PrimarySpecialty, HomeworkStyle.Primary, Plain),
        new("def", "Захист України", "захист,захист україни,зу", "def", HomeworkStyle.Practical, new(IsDefenceOfUkraine: true)),
        new("fin", "Фінансова грамотність", "фін грам,фінграм,фінансова грамотність", "geo", HomeworkStyle.Humanities, Plain, SubjectKind.Elective),
        new("chess", "Шахи", "шахи,шахова абетка", PrimarySpecialty, HomeworkStyle.None, new(IsOptionalCourse: true), SubjectKind.Optional),
    ];

    /// <summary>Weekly hours per grade: a subject key and its hours ("ukr 4 read 3 ...").</summary>
    private static readonly string[] Plans =
    [
        /* 1 */ "ukr 4 read 3 math 3 yds 3 eng 2 art 2 pe 2 dt 1",
        /* 2 */ "ukr 4 read 3 math 4 yds 3 eng 3 art 2 pe 2 dt 1 inf 1 chess 1",
        /* 3 */ "ukr 4 read 3 math 4 yds 3 eng 3 art 2 pe 2 dt 1 inf 1 chess 1",
        /* 4 */ "ukr 4 read 3 math 4 yds 3 eng 3 art 2 pe 2 dt 1 inf 1 chess 1",
        /* 5 */ "ukr 4 ukrlit 2 zar 2 eng 3 ger 2 math 5 nature 2 histu 1 health 1 inf 1 techn 2 art 2 pe 3",
        /* 6 */ "ukr 4 ukrlit 2 zar 2 eng 3 ger 2 math 5 nature 2 geo 2 histu 1 world 1 health 1 inf 1 techn 2 art 1 pe 3",
        /* 7 */ "ukr 3 ukrlit 2 zar 2 eng 3 ger 2 alg 3 geom 2 histu 1 world 1 geo 2 bio 2 phys 2 chem 2 inf 1 trud 1 art 1 health 1 pe 3",
        /* 8 */ "ukr 2 ukrlit 2 zar 2 eng 3 ger 2 alg 3 geom 2 histu 2 world 1 geo 2 bio 2 phys 2 chem 2 inf 2 trud 1 pe 3 fin 1",
        /* 9 */ "ukr 2 ukrlit 2 zar 2 eng 3 ger 2 alg 3 geom 2 histu 2 world 1 geo 2 bio 2 phys 3 chem 2 inf 2 trud 1 health 1 pe 3",
        /* 10 */ "ukr 2 ukrlit 2 zar 1 eng 3 alg 3 geom 2 histu 2 world 1 civic 2 geo 2 bio 2 phys 3 chem 2 inf 2 pe 3 def 2",
        /* 11 */ "ukr 2 ukrlit 2 zar 1 eng 3 alg 3 geom 2 histu 2 world 1 geo 1 bio 2 phys 3 astro 1 chem 2 inf 2 pe 3 def 2 art 1",
    ];

    public static SubjectSpec Spec(string key) => Subjects.First(s => s.Key == key);

    /// <summary>The grade's subjects and their weekly hours, in the order of the plan.</summary>
    public static IReadOnlyList<(SubjectSpec Subject, int Hours)> PlanOf(int grade)
    {
        var words = UkrainianNames.Words(Plans[grade - 1]);
        var plan = new List<(SubjectSpec, int)>();
        for (var i = 0; i < words.Count; i += 2) plan.Add((Spec(words[i]), int.Parse(words[i + 1], System.Globalization.CultureInfo.InvariantCulture)));
        return plan;
    }

    /// <summary>J-5: English and informatics are taught in two groups from grade 5.</summary>
    public static bool IsSplit(SubjectSpec subject, int grade) => subject.SplitFromGrade5 && grade >= 5;

    /// <summary>
    /// The teacher of a subject in a class: in primary school the class teacher, who also runs the chess club for the
    /// class; English and PE have their own teachers; else the subject's specialty.
    /// </summary>
    public static string SpecialtyIn(SubjectSpec subject, int grade) =>
        grade <= 4 && subject.Key is "ukr" or "math" or "art" or "inf" or "chess" ? PrimarySpecialty : subject.Specialty;

    /// <summary>
    /// The class's НУШ flag as the migration sets it for an existing school (N-1): grades 5–8 assessed by groups of learning
    /// outcomes; primary classes keep their own scales and grades 9–11 are not НУШ yet.
    /// </summary>
    public static bool IsNus(int grade, int yearStart) => grade is >= 5 and <= 8 && yearStart >= 2025;
}
