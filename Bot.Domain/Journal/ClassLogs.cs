using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>An excursion or practice outside the programme: date, form, topic, subject, teacher; not marked (J-11).</summary>
public sealed class ExcursionEntry : SchoolEntity
{
    private ExcursionEntry() { Form = Topic = ""; }

    public ExcursionEntry(Guid schoolId, Guid classId, DateOnly date, string form, string topic, Guid? subjectId, Guid teacherId)
    {
        if (VisibleText.IsBlank(form) || VisibleText.IsBlank(topic))
            throw new DomainException(new DomainError("excursion.fields", "Вкажіть форму та тему екскурсії чи практики."));
        SchoolId = schoolId;
        ClassId = classId;
        Date = date;
        Form = VisibleText.Normalize(form);
        Topic = VisibleText.Normalize(topic);
        SubjectId = subjectId;
        TeacherId = teacherId;
    }

    public Guid ClassId { get; private set; }
    public DateOnly Date { get; private set; }

    /// <summary>"екскурсія", "навчальна практика", ...</summary>
    public string Form { get; private set; }

    public string Topic { get; private set; }
    public Guid? SubjectId { get; private set; }
    public Guid TeacherId { get; private set; }
}

public enum BriefingKind
{
    /// <summary>Вступний інструктаж з безпеки життєдіяльності: once a year, dated per student (J-12).</summary>
    Introductory,

    /// <summary>Бесіди та інструктажі з безпеки життєдіяльності.</summary>
    Talk,
}

/// <summary>
/// A safety briefing as it concerns one student (J-12). A student absent on the class's day gets "н" for that day
/// and a note of the day the briefing was held with them.
/// </summary>
public sealed class SafetyBriefing : SchoolEntity
{
    private SafetyBriefing() { Topic = ""; }

    public SafetyBriefing(Guid schoolId, Guid classId, Guid studentId, BriefingKind kind, string topic, DateOnly classDate, DateOnly? heldOn, Guid recordedById)
    {
        if (heldOn is { } h && h < classDate)
            throw new DomainException(new DomainError("briefing.dates", "Інструктаж з відсутнім учнем проводять після дня, коли його провели з класом."));
        SchoolId = schoolId;
        ClassId = classId;
        StudentId = studentId;
        Kind = kind;
        Topic = VisibleText.Normalize(topic);
        ClassDate = classDate;
        HeldOn = heldOn ?? classDate;
        AbsentOnClassDate = heldOn is { } d && d != classDate;
        RecordedById = recordedById;
    }

    public Guid ClassId { get; private set; }
    public Guid StudentId { get; private set; }
    public BriefingKind Kind { get; private set; }
    public string Topic { get; private set; }

    /// <summary>The day the briefing was held with the class.</summary>
    public DateOnly ClassDate { get; private set; }

    /// <summary>The day it was held with this student.</summary>
    public DateOnly HeldOn { get; private set; }

    /// <summary>"н" on the class's day (J-12).</summary>
    public bool AbsentOnClassDate { get; private set; }

    public Guid RecordedById { get; private set; }

    /// <summary>The journal's entry for the student: the date, or "н" with the day it was held with them.</summary>
    public string JournalEntry => AbsentOnClassDate ? $"н (проведено {HeldOn:dd.MM.yyyy})" : HeldOn.ToString("dd.MM.yyyy");
}

public enum RemarkResponse
{
    /// <summary>"Виконано".</summary>
    Done,

    /// <summary>"Взято до уваги".</summary>
    TakenIntoAccount,

    /// <summary>"Ознайомлена(ий)".</summary>
    Acknowledged,
}

/// <summary>A deputy director's remark on the keeping of a journal, answered by the teacher with a dated note (J-13).</summary>
public sealed class Remark : SchoolEntity
{
    private Remark() { Text = ""; }

    public Remark(Guid schoolId, Guid classId, Guid? subjectId, Guid authorId, DateOnly writtenOn, string text, Guid? addresseeId)
    {
        if (VisibleText.IsBlank(text)) throw new DomainException(new DomainError("remark.text", "Зауваження не може бути порожнім."));
        SchoolId = schoolId;
        ClassId = classId;
        SubjectId = subjectId;
        AuthorId = authorId;
        WrittenOn = writtenOn;
        Text = VisibleText.Normalize(text);
        AddresseeId = addresseeId;
    }

    public Guid ClassId { get; private set; }
    public Guid? SubjectId { get; private set; }
    public Guid AuthorId { get; private set; }
    public Guid? AddresseeId { get; private set; }
    public DateOnly WrittenOn { get; private set; }
    public string Text { get; private set; }
    public RemarkResponse? Response { get; private set; }
    public DateOnly? RespondedOn { get; private set; }
    public Guid? RespondedById { get; private set; }

    public bool IsOpen => Response is null;

    public static string ResponseTitle(RemarkResponse r) => r switch
    {
        RemarkResponse.Done => "Виконано",
        RemarkResponse.TakenIntoAccount => "Взято до уваги",
        _ => "Ознайомлена(ий)",
    };

    public void Answer(Guid teacherId, RemarkResponse response, DateOnly on)
    {
        if (on < WrittenOn) throw new DomainException(new DomainError("remark.date", "Відповідь не може бути датована раніше за зауваження."));
        Response = response;
        RespondedOn = on;
        RespondedById = teacherId;
    }
}
