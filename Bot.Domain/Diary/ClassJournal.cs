using Bot.Domain.Attendance;
using Bot.Domain.Grading;

namespace Bot.Domain.Diary;

/// <summary>
/// A class's journal over a period in the structure of the paper one (seed 003; J-2, J-6): subject pages, the attendance
/// summary (A-2), the summary of achievements (M-6..M-9), the logs (J-11, J-12) and the remarks (J-13). The one read
/// model the printed journal, the CSV and XLSX exports and the report card are made from.
/// </summary>
public sealed record ClassJournal(
    string SchoolName,
    string ClassName,
    int Grade,
    string YearTitle,
    JournalPeriod Period,
    string? ClassTeacher,
    IReadOnlyList<JournalStudent> Students,
    IReadOnlyList<JournalPage> Pages,
    IReadOnlyList<JournalAttendanceRow> Attendance,
    IReadOnlyList<(int Year, int Month)> Months,
    IReadOnlyList<JournalSummaryRow> Achievements,
    IReadOnlyList<JournalLogEntry> Excursions,
    IReadOnlyList<JournalLogEntry> Briefings,
    IReadOnlyList<JournalRemark> Remarks)
{
    /// <summary>
    /// The school's audit head when the journal was read (ADR 0037 decision 3): printed on the last page, an anchor kept
    /// on paper against which the chain can be checked later.
    /// </summary>
    public JournalAuditHead? AuditHead { get; init; }

    /// <summary>
    /// N-12: the notes printed under the summary of achievements and on the report cards, and exported after the summary:
    /// the teachers' council's decision on "зараховано / не зараховано", each converted mark's source (its marker "*1"
    /// stands by the mark), each displaced student's annual mark from semester II.
    /// </summary>
    public IReadOnlyList<JournalFootnote> Footnotes { get; init; } = [];

    /// <summary>"Ліцей № 1, 7-А, 2026-2027": the running header of every printed page.</summary>
    public string RunningHeader => $"{SchoolName}, {ClassName}, {YearTitle}";
}

/// <summary>A school's audit head: the last sealed record's sequence, hash and time (in the school's time zone).</summary>
public sealed record JournalAuditHead(long Sequence, string Hash, DateTime? AtLocal);

/// <summary>
/// A note of the summary and the report cards (N-12): its text, the student it concerns (null: the whole class), and whether it
/// is the council's decision on "зар"/"незар" (printed on the cards of students with such a mark).
/// </summary>
public sealed record JournalFootnote(string Text, Guid? StudentId = null, bool CouncilCredit = false);

/// <summary>A student on the class list (J-4), numbered in its order; arrival and leaving inside the year are noted.</summary>
public sealed record JournalStudent(int Number, Guid Id, string Name, DateOnly From, DateOnly? To, bool ArrivedMidYear, bool IndividualStudy, Roster.Sex? Sex = null)
{
    /// <summary>N-12: the day from which this year's annual mark comes from semester II alone (a displaced student), or null.</summary>
    public DateOnly? AnnualFromSemester2Since { get; init; }

    /// <summary>"прибула 16.11.2026; вибула 09.10.2026" by the student's sex; "прибуття …", "вибуття …" when it is not recorded.</summary>
    public string Note => string.Join("; ", new[]
    {
        ArrivedMidYear ? $"{Text.UkrainianGrammar.BySex(Sex, "прибув", "прибула", "прибуття")} {From:dd.MM.yyyy}" : "",
        To is { } t ? $"{Text.UkrainianGrammar.BySex(Sex, "вибув", "вибула", "вибуття")} {t:dd.MM.yyyy}" : "",
        AnnualFromSemester2Since is { } d ? $"річна оцінка за ІІ семестр (з {d:dd.MM.yyyy})" : "",
    }.Where(n => n.Length > 0));
}

/// <summary>
/// A column of a subject page: a lesson's date (M-2) or a dateless column placed after the lesson it follows (M-3). A group
/// of results' column (N-7) has its code as <see cref="Title"/> ("ГР1") and <see cref="Caption"/> "ГР1 «…», І семестр".
/// </summary>
public sealed record JournalColumn(string Key, DateOnly Date, MarkColumn Column, string Title, string? Caption = null)
{
    public bool IsLesson => Column == MarkColumn.Current;

    /// <summary>What an export calls the column: the caption of a group of results, else the column's full title.</summary>
    public string Label => Caption ?? MarkColumns.FullTitle(Column);
}

/// <summary>A group of learning outcomes as the printed journal's legend names it (N-5): "ГР1" and its title.</summary>
public sealed record JournalOutcome(string Code, string Title);

/// <summary>A student's marks for a group of learning outcomes in a subject, per semester (N-7): the report card's sub-rows.</summary>
public sealed record JournalOutcomeMarks(string Code, string Title, string Semester1, string Semester2)
{
    public string Of(int semester) => semester == 1 ? Semester1 : Semester2;
}

/// <summary>A line of the right page (J-6): date, lesson number, topic with its theme's title on its first lesson, homework with the substitute note (J-9).</summary>
/// <summary>
/// A line of a subject's right page (J-6): <see cref="Topic"/> as exported (the theme's title on its own line before the
/// lesson's topic, on the theme's first lesson), <see cref="Theme"/> that title alone (printed bold), <see cref="LessonTopic"/> the rest.
/// </summary>
public sealed record JournalLessonLine(DateOnly Date, int Number, string Topic, string Homework, string? Theme = null)
{
    public string LessonTopic => Theme is not null && Topic.StartsWith(Theme + "\n", StringComparison.Ordinal) ? Topic[(Theme.Length + 1)..] : Topic;
}

/// <summary>
/// A subject page, one per subject and group (J-5): the students × columns with marks and absences (the left page) and the
/// lessons (the right page). <see cref="Cells"/> maps (student, column key) to what the cell shows ("10", "н", "хв", "н/а").
/// </summary>
public sealed record JournalPage(
    Guid SubjectId,
    Guid? GroupId,
    string Title,
    string Teachers,
    IReadOnlyList<JournalStudent> Students,
    IReadOnlyList<JournalColumn> Columns,
    IReadOnlyDictionary<(Guid StudentId, string Key), string> Cells,
    IReadOnlyList<JournalLessonLine> Lessons)
{
    /// <summary>The groups of learning outcomes whose columns stand on the page, in their order (N-7): the legend.</summary>
    public IReadOnlyList<JournalOutcome> Outcomes { get; init; } = [];

    public string Cell(Guid studentId, string key) => Cells.TryGetValue((studentId, key), out var v) ? v : "";
}

/// <summary>A student's line of the attendance summary: missed lessons and days per month and per semester (A-2).</summary>
public sealed record JournalAttendanceRow(JournalStudent Student, IReadOnlyDictionary<(int Year, int Month), AttendanceTotals> Months,
    AttendanceTotals? Semester1, AttendanceTotals? Semester2, AttendanceTotals Total);

/// <summary>The final marks of one student in one subject (M-6..M-8), and for 10–11 the mathematics marks of M-9 on the algebra line.</summary>
public sealed record JournalSummaryRow(JournalStudent Student, string Subject, IReadOnlyDictionary<MarkColumn, string> Marks, bool Mathematics = false)
{
    /// <summary>An НУШ class's marks by group of learning outcomes in the period's semesters (N-7), in the groups' order.</summary>
    public IReadOnlyList<JournalOutcomeMarks> Outcomes { get; init; } = [];

    public string Mark(MarkColumn column) => Marks.TryGetValue(column, out var v) ? v : "";
}

/// <summary>A line of the excursions log (J-11) or of the safety briefings (J-12).</summary>
public sealed record JournalLogEntry(DateOnly Date, string What, string Topic, string Who);

/// <summary>A deputy director's remark and the teacher's dated answer (J-13).</summary>
public sealed record JournalRemark(DateOnly WrittenOn, string Author, string Text, string? Answer, DateOnly? AnsweredOn, string? AnsweredBy);
