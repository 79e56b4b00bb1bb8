namespace Bot.Domain.Grading;

/// <summary>
/// A mark in the journal: a dated current mark on a lesson, or a mark of a dateless column (M-3) placed at a date
/// (the lesson after which it was set, the month's end for a notebook, the semester's end for a semester mark).
/// Changes go through <see cref="Journal.JournalService"/>, which enforces the rules and writes the audit trail.
/// </summary>
public sealed class Mark : SchoolEntity
{
    private Mark() { Slot = ""; }

    internal Mark(Guid schoolId, Guid schoolYearId, Guid studentId, Guid classId, Guid subjectId, Guid? groupId,
        MarkColumn column, DateOnly date, Guid? lessonId, MarkValue value, string? workKind, Guid authorId, DateTime nowUtc, Guid? resultGroupId = null)
    {
        SchoolId = schoolId;
        SchoolYearId = schoolYearId;
        StudentId = studentId;
        ClassId = classId;
        SubjectId = subjectId;
        GroupId = groupId;
        Column = column;
        Date = date;
        LessonId = lessonId;
        ResultGroupId = MarkColumns.IsResultGroup(column) ? resultGroupId ?? throw new ArgumentException("A group-of-outcomes mark names its group.", nameof(resultGroupId)) : null;
        Slot = SlotOf(column, date, lessonId, ResultGroupId);
        Value = value;
        WorkKind = workKind;
        CreatedById = UpdatedById = authorId;
        CreatedAtUtc = UpdatedAtUtc = nowUtc;
    }

    public Guid SchoolYearId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid ClassId { get; private set; }
    public Guid SubjectId { get; private set; }
    public Guid? GroupId { get; private set; }
    public MarkColumn Column { get; private set; }

    /// <summary>The date of the lesson, or where a dateless mark stands.</summary>
    public DateOnly Date { get; private set; }

    public Guid? LessonId { get; private set; }

    /// <summary>The group of learning outcomes of a <see cref="MarkColumn.ResultGroup1"/>/<see cref="MarkColumn.ResultGroup2"/> mark (N-7).</summary>
    public Guid? ResultGroupId { get; private set; }

    /// <summary>The cell this mark fills; unique per student, subject and year (one mark per cell).</summary>
    public string Slot { get; private set; }

    public MarkValue Value { get; private set; }

    /// <summary>"контрольна", "самостійна", "лабораторна", "практична", ... (M-2, M-5).</summary>
    public string? WorkKind { get; private set; }

    /// <summary>
    /// N-12: where a converted mark comes from ("зараховано за результатами навчання в Польщі, довідка № 12 від 10.01.2027"):
    /// results earned abroad recognised as a period mark. Null for the journal's own marks.
    /// </summary>
    public string? SourceNote { get; private set; }

    public const int MaxSourceNoteLength = 300;

    internal void SetSourceNote(string? note) => SourceNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    public Guid CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public Guid UpdatedById { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    internal void Change(MarkValue value, string? workKind, Guid by, DateTime nowUtc)
    {
        Value = value;
        if (workKind is not null) WorkKind = workKind;
        UpdatedById = by;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The key of a mark's cell: one mark per lesson for current marks, per month for notebooks, one per final column, one per group of outcomes and semester (N-7).</summary>
    public static string SlotOf(MarkColumn column, DateOnly date, Guid? lessonId, Guid? resultGroupId = null) => column switch
    {
        MarkColumn.ResultGroup1 or MarkColumn.ResultGroup2 =>
            $"{(column == MarkColumn.ResultGroup1 ? "GR1" : "GR2")}:{resultGroupId ?? throw new ArgumentException("A group-of-outcomes mark names its group.", nameof(resultGroupId))}",
        MarkColumn.Current => $"L:{lessonId ?? throw new ArgumentException("A current mark belongs to a lesson.", nameof(lessonId))}",
        MarkColumn.Notebook => $"Z:{date:yyyy-MM}",
        MarkColumn.Semester1 or MarkColumn.Semester2 or MarkColumn.Corrected1 or MarkColumn.Corrected2
            or MarkColumn.Annual or MarkColumn.Dpa or MarkColumn.Appeal => column.ToString(),
        _ => $"{column}:{date:yyyy-MM-dd}",
    };
}
