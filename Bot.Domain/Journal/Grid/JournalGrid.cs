using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Journal.Grid;

/// <summary>Which part of the year a grid shows: a semester's lessons with its final columns, or the whole year.</summary>
public enum GridPeriod
{
    Semester1,
    Semester2,
    Year,
}

/// <summary>
/// A column of the left-hand page: a lesson's date (a current mark or "н"/"хв"), or a dateless column (M-3) placed
/// after the lessons of <see cref="Date"/>, or a final column at the end. <see cref="Key"/> is the cell's slot
/// (<see cref="Mark.SlotOf"/>), so the marks fall into their column by it. A group of learning outcomes' column (N-7)
/// carries its group (<see cref="Outcomes"/>) and stands before its semester's column.
/// </summary>
public sealed record GridColumn(string Key, MarkColumn Column, DateOnly Date, Guid? LessonId, int? LessonNumber, ResultGroup? Outcomes = null)
{
    public bool IsLesson => LessonId is not null;

    public bool IsResultGroup => Outcomes is not null;

    public bool IsFinal => MarkColumns.IsFinal(Column);

    /// <summary>The header: "20.11" under a lesson, the column's name otherwise (M-3).</summary>
    public string Title => IsLesson ? Date.ToString("dd.MM") : Outcomes is { } g ? g.Code : MarkColumns.Title(Column);

    /// <summary>The date a dateless column's mark is placed at: its own (none for final and group columns, which have theirs).</summary>
    public DateOnly? PlacedAt => IsLesson || IsFinal || IsResultGroup ? null : Date;
}

/// <summary>A student's row: number on the list, name, and the days they belong to the page (J-4, J-5).</summary>
public sealed record GridRow(int Number, Guid StudentId, string FullName, DateOnly From, DateOnly? To, bool Arrived, bool IndividualStudy)
{
    public bool IsOnListOn(DateOnly date) => From <= date && (To is null || To >= date);
}

/// <summary>A filled cell: the text ("10", "н", "хв", "н/а"), and for absences whether a parent reported it .</summary>
public sealed record GridCell(string Text, bool IsAbsence)
{
    /// <summary>N-12: where a converted mark comes from (results earned abroad), shown in the cell's tooltip.</summary>
    public string? SourceNote { get; init; }
}

/// <summary>A mark the journal proposes for an empty cell (M-5, M-6): the teacher confirms it with one key.</summary>
public sealed record GridSuggestion(string Text, bool IsObjective, string Explanation);

/// <summary>A lesson of the right-hand page (J-6): number, date, theme title, topic, homework with the substitute note.</summary>
public sealed record GridLesson(Guid Id, int Number, DateOnly Date, int Slot, string Topic, string? ThemeTitle, string Homework);

/// <summary>A parent's report that a student is away on a day (shown to the class teacher where they set "н"/"хв").</summary>
/// <summary>A parent's absence report for a student's day; <paramref name="Excused"/>: the class teacher accepted the reason (ADR 0039).</summary>
public sealed record GridNotice(Guid StudentId, DateOnly Date, string Reason, string ReportedBy, bool Excused = false);

/// <summary>
/// M-9: in grades 10–11 the mathematics mark on the algebra page — the mean of the algebra and geometry marks of a
/// final column, rounded; computed, with the two marks it comes from.
/// </summary>
public sealed record MathematicsMark(MarkColumn Column, Guid StudentId, string Text, string Algebra, string Geometry);

/// <summary>One class × subject (× group) page of the journal, as the web grid shows it.</summary>
public sealed class JournalGrid
{
    public required SchoolClass Class { get; init; }
    public required Subject Subject { get; init; }
    public required ClassGroup? Group { get; init; }
    public required SchoolYear Year { get; init; }
    public required DateOnly Today { get; init; }
    public required GridPeriod Period { get; init; }
    public required IReadOnlyList<GridColumn> Columns { get; init; }
    public required IReadOnlyList<GridRow> Rows { get; init; }
    public required IReadOnlyList<GridLesson> Lessons { get; init; }

    /// <summary>(student, column key) → cell.</summary>
    public required IReadOnlyDictionary<(Guid Student, string Column), GridCell> Cells { get; init; }

    /// <summary>(student, column key) → the proposal for an empty cell of a thematic or semester column.</summary>
    public required IReadOnlyDictionary<(Guid Student, string Column), GridSuggestion> Suggestions { get; init; }

    /// <summary>(student, date) → parents' reports.</summary>
    public required IReadOnlyDictionary<(Guid Student, DateOnly Date), GridNotice> Notices { get; init; }

    /// <summary>M-9 marks on a 10–11 algebra page (empty elsewhere), by column and student.</summary>
    public required IReadOnlyDictionary<(MarkColumn Column, Guid Student), MathematicsMark> Mathematics { get; init; }

    /// <summary>N-5, N-7: the subject's groups of learning outcomes this year, in order, when the class is assessed by them (else empty).</summary>
    public IReadOnlyList<ResultGroup> ResultGroups { get; init; } = [];

    /// <summary>N-9: whether a "Тематична" column may be opened (an НУШ class of a school that dropped it: not).</summary>
    public bool ThematicAllowed { get; init; } = true;

    /// <summary>The school's <see cref="School.PeriodMarkDays"/>: how many last days of a semester its period marks open (ADR 0033).</summary>
    public int PeriodMarkDays { get; init; } = School.DefaultPeriodMarkDays;

    /// <summary>
    /// Null when the column may be written today; for a period column outside its window (M-6, M-7, M-8; ADR 0033), the
    /// Ukrainian text saying when it opens — the grid shows the column read-only with it.
    /// </summary>
    public string? ClosedWindow(MarkColumn column) => Year.IsClosed ? null : PeriodMarkWindows.Refusal(column, Year, PeriodMarkDays, Today);

    /// <summary>
    /// M-8: for a student's empty annual cell in grades 3–11 (N-14), the refusal naming the semesters still without a mark (the grid
    /// shows the cell read-only with it); null when the annual mark may be written (or is there).
    /// </summary>
    public string? AnnualMissing(Guid studentId)
    {
        if (!GradeScales.HasSemesterResults(Class.Grade) || Cells.ContainsKey((studentId, nameof(MarkColumn.Annual)))) return null;
        // N-12: a displaced student's annual mark comes from semester II alone.
        if (AnnualFromSemester2.Contains(studentId))
            return Cells.ContainsKey((studentId, nameof(MarkColumn.Semester2))) ? null : "Річну оцінку цьому учневі виставляють за ІІ семестр, а оцінки за ІІ семестр ще немає.";
        var missing = new[] { (1, MarkColumn.Semester1), (2, MarkColumn.Semester2) }
            .Where(s => !Cells.ContainsKey((studentId, s.Item2.ToString()))).Select(s => s.Item1).ToList();
        return missing.Count == 0 ? null : JournalErrors.AnnualWithoutSemesters(missing).Message;
    }

    /// <summary>N-12: the students marked as displaced this year, whose annual mark comes from semester II alone.</summary>
    public IReadOnlySet<Guid> AnnualFromSemester2 { get; init; } = new HashSet<Guid>();

    /// <summary>N-12: the teachers' council lets this class's semester and annual marks be "зар"/"незар".</summary>
    public bool CouncilCredit { get; init; }

    public string PageTitle => ClassGroup.PageTitle(Subject.Name, Group?.Name);

    /// <summary>J-10: optional courses keep dates, topics and attendance, no marks.</summary>
    public bool TakesMarks => Subject.Kind != SubjectKind.Optional;

    /// <summary>The page's scale: the grade's, or verbal for a subject the school assesses verbally in grades 3–4 (N-14).</summary>
    public GradeScale Scale => GradeScales.For(Class.Grade, Subject.Traits);
}
