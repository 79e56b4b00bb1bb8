namespace Bot.Domain.Grading;

/// <summary>
/// Which columns take marks for a grade, subject and student, and which marks each column takes.
/// Each check returns the refusal, or null when the rule is satisfied.
/// </summary>
internal static class CellRules
{
    // Ends of the levels of education: primary (4), basic (9), profile (11).
    private static readonly int[] StateAttestationGrades = [4, 9, 11];

    /// <summary>Whether a mark of any kind may go into the column at all.</summary>
    public static DomainError? ColumnTakesMarks(int grade, MarkColumn column, SubjectTraits subject, bool individualStudy)
    {
        if (subject.IsOptionalCourse)
            return CellErrors.OptionalCourse();                             // J-10
        if (individualStudy && !MarkColumns.IsFinal(column) && !MarkColumns.IsResultGroup(column))
            return CellErrors.IndividualStudy(column);                      // M-12
        if (column is MarkColumn.Dpa or MarkColumn.Appeal && !StateAttestationGrades.Contains(grade))
            return CellErrors.NoStateAttestation(grade, column);            // M-10
        if (GradeScales.IsPrimary(grade) && column is not (MarkColumn.Current or MarkColumn.Annual
                or MarkColumn.Dpa or MarkColumn.Appeal)
            && !(GradeScales.HasSemesterResults(grade) && column is MarkColumn.Semester1 or MarkColumn.Semester2))
            return CellErrors.PrimaryColumn(grade, column);                 // M-1, N-13, N-14
        return ColumnOfSubject(column, subject);                            // M-3, M-4
    }

    private static DomainError? ColumnOfSubject(MarkColumn column, SubjectTraits subject)
    {
        var allowed = column switch
        {
            MarkColumn.Notebook => subject.Notebook != NotebookPolicy.NotApplicable,
            MarkColumn.ByHeart => subject.IsLanguageOrLiterature || subject.IsForeignLanguage,
            _ when MarkColumns.IsNativeSpeechActivity(column) => subject.IsLanguageOrLiterature,
            _ when MarkColumns.IsForeignSpeechActivity(column) => subject.IsForeignLanguage,
            _ => true,
        };
        return allowed ? null : CellErrors.ColumnNotForSubject(column);
    }

    /// <summary>Whether this mark may go into a column that takes marks.</summary>
    public static DomainError? ColumnTakesValue(TypedCell typed, int grade, MarkColumn column, SubjectTraits subject, bool councilCredit = false)
    {
        // N-12: under the teachers' council's martial-law decision, the grade's semester and annual marks may be "зар"/"незар".
        if (typed.Kind is TypedKind.Credited or TypedKind.NotCredited && councilCredit && IsCouncilCreditColumn(column))
            return null;
        if (typed.Kind == TypedKind.NotCredited)
            return CellErrors.NotCreditedRefused(grade, column, councilCredit);
        var isScaleMark = typed.Kind is TypedKind.Number or TypedKind.Level or TypedKind.Formed;
        if (column == MarkColumn.Appeal && !isScaleMark)
            return CellErrors.AppealOnlyScaleMark(grade, subject);                   // M-10
        return typed.Kind switch
        {
            TypedKind.Number or TypedKind.Level or TypedKind.Formed => ScaleMark(typed, grade, subject),
            TypedKind.NotAttested => NotAttested(column),
            TypedKind.Exempt => Exempt(column, subject),
            TypedKind.Credited => Credited(grade, column, subject),
            TypedKind.NotebookAbsent => column == MarkColumn.Notebook ? null : CellErrors.NotebookAbsentNotForColumn(),
            _ => throw new ArgumentOutOfRangeException(nameof(typed), typed.Kind, "Not a mark."),
        };
    }

    /// <summary>M-1: points in 5–11, levels in 3–4, "сформовано" in 1–2; N-14: verbal in 3–4 where the school chose it for the subject.</summary>
    private static DomainError? ScaleMark(TypedCell typed, int grade, SubjectTraits subject)
    {
        var expected = typed.Kind switch
        {
            TypedKind.Number => GradeScale.TwelvePoint,
            TypedKind.Level => GradeScale.Levels,
            _ => GradeScale.Verbal,
        };
        if (GradeScales.For(grade, subject) != expected)
            return CellErrors.WrongScale(typed.Shown, grade, subject);
        if (typed.Kind == TypedKind.Number
            && !(typed.IsWhole && typed.Value is >= MarkValue.MinPoints and <= MarkValue.MaxPoints))
            return CellErrors.OutOfScale(typed.Shown, grade, typed.IsWhole);
        return null;
    }

    /// <summary>M-5, M-6, M-8, M-11: "н/а" for a missed theme, semester, year or ДПА; a correction is only ever a raised mark (M-7).</summary>
    private static DomainError? NotAttested(MarkColumn column) =>
        column is MarkColumn.Thematic or MarkColumn.Semester1 or MarkColumn.Semester2
            or MarkColumn.Annual or MarkColumn.Dpa or MarkColumn.ResultGroup1 or MarkColumn.ResultGroup2
            ? null
            : CellErrors.NotAttestedNotForColumn(column);

    /// <summary>M-11: "зв" in PE and "Захист України" (current, thematic, semester, annual), and in ДПА for any subject.</summary>
    private static DomainError? Exempt(MarkColumn column, SubjectTraits subject)
    {
        if (column == MarkColumn.Dpa)
            return null;
        if (!subject.IsPhysicalEducation && !subject.IsDefenceOfUkraine)
            return CellErrors.ExemptNotForSubject();
        return IsExemptionColumn(column) ? null : CellErrors.NotForColumn(MarkValue.Exempt.Text, column);
    }

    /// <summary>M-11: "зар" for the special health group in PE, grades 5–11, not in corrections or ДПА.</summary>
    private static DomainError? Credited(int grade, MarkColumn column, SubjectTraits subject)
    {
        if (!subject.IsPhysicalEducation)
            return IsCouncilCreditColumn(column) && !GradeScales.IsPrimary(grade) ? CellErrors.CreditedWithoutDecision(grade) : CellErrors.CreditedNotForSubject();
        if (GradeScales.IsPrimary(grade))
            return CellErrors.CreditedNotForGrade(grade);
        return IsExemptionColumn(column) ? null : CellErrors.NotForColumn(MarkValue.Credited.Text, column);
    }

    /// <summary>N-12: the columns the council's "зараховано / не зараховано" covers: the semester and annual marks.</summary>
    public static bool IsCouncilCreditColumn(MarkColumn column) => column is MarkColumn.Semester1 or MarkColumn.Semester2 or MarkColumn.Annual;

    private static bool IsExemptionColumn(MarkColumn column) => column is
        MarkColumn.Current or MarkColumn.Thematic or MarkColumn.Semester1 or MarkColumn.Semester2 or MarkColumn.Annual
        or MarkColumn.ResultGroup1 or MarkColumn.ResultGroup2;
}
