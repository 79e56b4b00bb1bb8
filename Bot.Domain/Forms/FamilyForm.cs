namespace Bot.Domain.Forms;

/// <summary>What a form asks: a permission with «Так»/«Ні» (an excursion, J-11), or a poll with 2–6 options (a meeting's time).</summary>
public enum FormKind
{
    Permission,
    Poll,
}

/// <summary>
/// A form to families (ADR 0045): a question for a class or a list of its students, answered per child
/// and guardian from buttons under the message each guardian gets (one outbox row per guardian and child), changeable
/// until <see cref="DeadlineUtc"/>. The children asked are <see cref="FamilyFormStudent"/> rows; the answers
/// <see cref="FamilyFormAnswer"/> rows.
/// </summary>
public sealed class FamilyForm : SchoolEntity
{
    public const int MaxQuestionLength = 1000;
    public const int MaxOptionLength = 40;
    public const int MinOptions = 2;
    public const int MaxOptions = 6;

    /// <summary>The options of a permission, in this order.</summary>
    public static readonly IReadOnlyList<string> PermissionOptions = ["Так", "Ні"];

    private FamilyForm() { Question = OptionsText = AudienceTitle = Signature = ""; }

    internal FamilyForm(Guid schoolId, FormKind kind, string question, IReadOnlyList<string> options, DateTime deadlineUtc, Guid classId,
        string audienceTitle, Guid authorId, string signature, DateTime createdAtUtc)
    {
        SchoolId = schoolId;
        Kind = kind;
        Question = question;
        OptionsText = string.Join("\n", options);
        DeadlineUtc = deadlineUtc;
        ClassId = classId;
        AudienceTitle = audienceTitle;
        AuthorId = authorId;
        Signature = signature;
        CreatedAtUtc = createdAtUtc;
    }

    public FormKind Kind { get; private set; }
    public string Question { get; private set; }

    /// <summary>The options, one a line (stored so on both providers).</summary>
    public string OptionsText { get; private set; }

    public IReadOnlyList<string> Options => OptionsText.Split('\n');

    public DateTime DeadlineUtc { get; private set; }

    /// <summary>The class the form is for (all of it, or the students listed).</summary>
    public Guid ClassId { get; private set; }

    /// <summary>"7-А", or "7-А (5 учнів)" for a list.</summary>
    public string AudienceTitle { get; private set; }

    public Guid AuthorId { get; private set; }

    /// <summary>"Шевчук Н. О., класний керівник 7-А".</summary>
    public string Signature { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public bool IsOpen(DateTime nowUtc) => nowUtc < DeadlineUtc;
}

/// <summary>A child the form asks about (the class's students enrolled when it was written, or those listed).</summary>
public sealed class FamilyFormStudent : SchoolEntity
{
    private FamilyFormStudent() { }

    internal FamilyFormStudent(Guid schoolId, Guid formId, Guid studentId)
    {
        SchoolId = schoolId;
        FormId = formId;
        StudentId = studentId;
    }

    public Guid FormId { get; private set; }
    public Guid StudentId { get; private set; }
}

/// <summary>One guardian's answer for one child: the option (its index), when and in which messenger it was last given.</summary>
public sealed class FamilyFormAnswer : SchoolEntity
{
    private FamilyFormAnswer() { }

    internal FamilyFormAnswer(Guid schoolId, Guid formId, Guid studentId, Guid guardianId)
    {
        SchoolId = schoolId;
        FormId = formId;
        StudentId = studentId;
        GuardianId = guardianId;
    }

    public Guid FormId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid GuardianId { get; private set; }
    public int Option { get; private set; }
    public DateTime AnsweredAtUtc { get; private set; }
    public Audit.Channel Via { get; private set; }

    /// <summary>How many times the answer was changed after the first one.</summary>
    public int Changes { get; private set; }

    internal void Answer(int option, DateTime atUtc, Audit.Channel via, bool first)
    {
        if (!first && option != Option) Changes++;
        Option = option;
        AnsweredAtUtc = atUtc;
        Via = via;
    }
}
