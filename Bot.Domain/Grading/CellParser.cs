namespace Bot.Domain.Grading;

/// <summary>
/// The one place where a teacher's text becomes a cell value. Reading the words is
/// <see cref="CellText"/>'s job; which column takes what is <see cref="CellRules"/>'s.
/// </summary>
public static class CellParser
{
    /// <summary>
    /// Parses what a teacher typed for one cell.
    /// </summary>
    /// <param name="text">The teacher's text: "10", "Д", "сф", "н", "хв.", "н / а", "зв", "-" ...</param>
    /// <param name="grade">The class's grade, 1–11.</param>
    /// <param name="column">The column the text goes into.</param>
    /// <param name="subject">The subject page's traits.</param>
    /// <param name="individualStudy">The student is on individual study (A-3, M-12).</param>
    /// <param name="councilCredit">
    /// The teachers' council decided that the class's grade may get "зар"/"незар" for its semester and annual marks (N-12,
    /// <see cref="Schools.SchoolYear.CreditsPeriodMarks"/>).
    /// </param>
    /// <returns>A <see cref="MarkCell"/>, <see cref="AbsenceCell"/> or <see cref="ClearCell"/>, or the refusal.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The grade is not 1–11 or the column is not defined.</exception>
    public static Result<CellValue> Parse(
        string? text, int grade, MarkColumn column, SubjectTraits subject, bool individualStudy = false, bool councilCredit = false)
    {
        GradeScales.ForGrade(grade);
        if (!Enum.IsDefined(column))
            throw new ArgumentOutOfRangeException(nameof(column), column, null);
        ArgumentNullException.ThrowIfNull(subject);

        var typed = CellText.Read(text);
        return typed.Kind switch
        {
            TypedKind.Clear => ClearCell.Instance,
            TypedKind.Unknown => CellErrors.Unknown(typed.Shown, grade, column, subject, individualStudy),
            TypedKind.Absent => Absence(AbsenceKind.Absent, column, individualStudy),
            TypedKind.Ill => Absence(AbsenceKind.Ill, column, individualStudy),
            _ => Mark(typed, grade, column, subject, individualStudy, councilCredit),
        };
    }

    /// <summary>Whether a column of the page takes marks at all for the grade and subject (M-1, M-3, M-4, M-10, J-10).</summary>
    public static bool ColumnTakesMarks(int grade, MarkColumn column, SubjectTraits subject) =>
        CellRules.ColumnTakesMarks(grade, column, subject, individualStudy: false) is null;

    /// <summary>N-12: the columns a teachers' council's "зараховано / не зараховано" covers (semester and annual marks).</summary>
    public static bool IsCouncilCreditColumn(MarkColumn column) => CellRules.IsCouncilCreditColumn(column);

    /// <summary>A-1: "н"/"хв" only under a lesson date; A-3: never for students on individual study.</summary>
    private static Result<CellValue> Absence(AbsenceKind kind, MarkColumn column, bool individualStudy)
    {
        if (individualStudy)
            return CellErrors.AbsenceIndividualStudy();
        if (!MarkColumns.IsDated(column))
            return CellErrors.AbsenceNotForColumn(kind, column);
        return new AbsenceCell(kind);
    }

    private static Result<CellValue> Mark(
        TypedCell typed, int grade, MarkColumn column, SubjectTraits subject, bool individualStudy, bool councilCredit)
    {
        var refusal = CellRules.ColumnTakesMarks(grade, column, subject, individualStudy)
            ?? CellRules.ColumnTakesValue(typed, grade, column, subject, councilCredit);
        if (refusal is not null)
            return refusal;
        return new MarkCell(ToMark(typed));
    }

    private static MarkValue ToMark(TypedCell typed) => typed.Kind switch
    {
        TypedKind.Number => MarkValue.FromPoints(typed.Value),
        TypedKind.Level => MarkValue.FromLevel(typed.Value),
        TypedKind.Formed => MarkValue.Formed,
        TypedKind.NotAttested => MarkValue.NotAttested,
        TypedKind.Exempt => MarkValue.Exempt,
        TypedKind.Credited => MarkValue.Credited,
        TypedKind.NotebookAbsent => MarkValue.NotebookAbsent,
        TypedKind.NotCredited => MarkValue.NotCredited,
        _ => throw new ArgumentOutOfRangeException(nameof(typed), typed.Kind, "Not a mark."),
    };
}
