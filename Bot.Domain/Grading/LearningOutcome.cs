namespace Bot.Domain.Grading;

/// <summary>
/// An educational field (освітня галузь) of the primary grades in one school year (docs/rules.md N-20): "Мовно-літературна",
/// "Математична", … in the deputy's order, with the school's subjects that belong to it. Its expected learning outcomes
/// are <see cref="LearningOutcome"/> rows. Edited through <see cref="LearningOutcomeService"/>, audited.
/// </summary>
public sealed class EducationalField : SchoolEntity
{
    public const int MaxNameLength = 200;

    private EducationalField() { Name = ""; }

    internal EducationalField(Guid schoolId, Guid schoolYearId, int number, string name)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        Number = number;
        Name = name;
    }

    public Guid SchoolYearId { get; private set; }

    /// <summary>The place in the year's list, from 1.</summary>
    public int Number { get; private set; }

    /// <summary>"Мовно-літературна".</summary>
    public string Name { get; private set; }

    internal void Change(int number, string name)
    {
        Number = number;
        Name = name;
    }
}

/// <summary>A subject that belongs to an educational field in the field's year ("Літературне читання" → мовно-літературна).</summary>
public sealed class EducationalFieldSubject : SchoolEntity
{
    private EducationalFieldSubject() { }

    internal EducationalFieldSubject(Guid schoolId, Guid fieldId, Guid subjectId)
    {
        SchoolId = schoolId;
        FieldId = fieldId;
        SubjectId = subjectId;
    }

    public Guid FieldId { get; private set; }
    public Guid SubjectId { get; private set; }
}

/// <summary>
/// An expected learning outcome (очікуваний результат навчання) of an educational field for grades 1–2 in a school year
/// (N-20): a code ("1.2") and a title, in order. The class teacher gives each student a year's level per outcome
/// (<see cref="OutcomeResult"/>, N-21).
/// </summary>
public sealed class LearningOutcome : SchoolEntity
{
    public const int MaxCodeLength = 16;
    public const int MaxTitleLength = 300;

    private LearningOutcome() { Code = ""; Title = ""; }

    internal LearningOutcome(Guid schoolId, Guid schoolYearId, Guid fieldId, int number, string code, string title)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        FieldId = fieldId;
        Number = number;
        Code = code;
        Title = title;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid FieldId { get; private set; }
    public int Number { get; private set; }
    public string Code { get; private set; }
    public string Title { get; private set; }

    internal void Change(int number, string code, string title)
    {
        Number = number;
        Code = code;
        Title = title;
    }

    /// <summary>"1.2 — title", for audit records and lists.</summary>
    public override string ToString() => $"{Code} — {Title}";
}

/// <summary>
/// The year's verbal level of a learning outcome in the свідоцтво досягнень of grades 1–2 (N-21), from the most to the
/// least: the descriptors the digest gives for the свідоцтво [U].
/// </summary>
public enum OutcomeLevel
{
    NeedsHelp = 1,
    WithTeacherHelp = 2,
    NotableProgress = 3,
    SignificantSuccess = 4,
}

public static class OutcomeLevels
{
    /// <summary>The levels as the form lists them, the highest first.</summary>
    public static readonly IReadOnlyList<OutcomeLevel> All =
        [OutcomeLevel.SignificantSuccess, OutcomeLevel.NotableProgress, OutcomeLevel.WithTeacherHelp, OutcomeLevel.NeedsHelp];

    /// <summary>"має значні успіхи", …: the свідоцтво's wording.</summary>
    public static string Text(this OutcomeLevel level) => level switch
    {
        OutcomeLevel.SignificantSuccess => "має значні успіхи",
        OutcomeLevel.NotableProgress => "демонструє помітний прогрес",
        OutcomeLevel.WithTeacherHelp => "досягає результату з допомогою вчителя",
        OutcomeLevel.NeedsHelp => "ще потребує значної уваги і допомоги",
        _ => "",
    };

    public static OutcomeLevel? Parse(string? text) =>
        int.TryParse(text, out var n) && Enum.IsDefined(typeof(OutcomeLevel), n) ? (OutcomeLevel)n : null;
}

/// <summary>A student's year result of one learning outcome (N-21): written by the class teacher at the year's end, audited.</summary>
public sealed class OutcomeResult : SchoolEntity
{
    private OutcomeResult() { }

    internal OutcomeResult(Guid schoolId, Guid schoolYearId, Guid classId, Guid studentId, Guid outcomeId, OutcomeLevel level, Guid? writtenById, DateTime writtenAtUtc)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        ClassId = classId;
        StudentId = studentId;
        LearningOutcomeId = outcomeId;
        Level = level;
        WrittenById = writtenById;
        WrittenAtUtc = writtenAtUtc;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid ClassId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid LearningOutcomeId { get; private set; }
    public OutcomeLevel Level { get; private set; }

    /// <summary>Who wrote the level last (the audit has every change).</summary>
    public Guid? WrittenById { get; private set; }
    public DateTime WrittenAtUtc { get; private set; }

    internal void Change(OutcomeLevel level, Guid? by, DateTime at)
    {
        Level = level;
        WrittenById = by;
        WrittenAtUtc = at;
    }
}

/// <summary>
/// The description of a student's learning activity for a school year, printed on the свідоцтво досягнень (docs/rules.md
/// N-8): free text written by the class teacher (or a deputy or the director), audited; no row means none.
/// </summary>
public sealed class CertificateDescription : SchoolEntity
{
    public const int MaxTextLength = 1000;

    private CertificateDescription() { Text = ""; }

    internal CertificateDescription(Guid schoolId, Guid schoolYearId, Guid studentId, string text, Guid? writtenById, DateTime writtenAtUtc)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        StudentId = studentId;
        Text = text;
        WrittenById = writtenById;
        WrittenAtUtc = writtenAtUtc;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid StudentId { get; private set; }
    public string Text { get; private set; }

    /// <summary>Who wrote the text last (the audit has every change).</summary>
    public Guid? WrittenById { get; private set; }
    public DateTime WrittenAtUtc { get; private set; }

    internal void Change(string text, Guid? by, DateTime at)
    {
        Text = text;
        WrittenById = by;
        WrittenAtUtc = at;
    }
}
