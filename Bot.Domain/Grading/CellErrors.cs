namespace Bot.Domain.Grading;

/// <summary>Stable codes of the refusals <see cref="CellParser"/> returns.</summary>
public static class CellErrorCodes
{
    /// <summary>The text is not a mark or an absence at all.</summary>
    public const string Unknown = "mark.unknown";

    /// <summary>A number outside 1–12, a fraction, a negative number (M-1).</summary>
    public const string OutOfScale = "mark.out_of_scale";

    /// <summary>A mark of another grade's scale: a level in grade 7, points in grade 3 (M-1).</summary>
    public const string WrongScale = "mark.wrong_scale";

    /// <summary>A mark that does not go into this column: "н/о" outside "Зошит", "н/а" in "Скоригована" ...</summary>
    public const string NotForColumn = "mark.not_for_column";

    /// <summary>A special mark the subject does not use: "зв" in history, "зар" outside PE (M-11).</summary>
    public const string NotForSubject = "mark.not_for_subject";

    /// <summary>A special mark the grade does not use: "зар" in grade 3.</summary>
    public const string NotForGrade = "mark.not_for_grade";

    /// <summary>The grade has no such column: "Тематична" in grade 3, "ДПА" in grade 7 (M-1, M-10).</summary>
    public const string ColumnNotForGrade = "mark.column_not_for_grade";

    /// <summary>The subject has no such column: "Зошит" in history, "Аудіювання" in mathematics (M-3, M-4).</summary>
    public const string ColumnNotForSubject = "mark.column_not_for_subject";

    /// <summary>A student on individual study gets only semester, corrected, annual and ДПА marks (M-12).</summary>
    public const string IndividualStudy = "mark.individual_study";

    /// <summary>An optional course takes no marks (J-10).</summary>
    public const string OptionalCourse = "mark.optional_course";

    /// <summary>"н"/"хв" outside the dated column (A-1).</summary>
    public const string AbsenceNotForColumn = "absence.not_for_column";

    /// <summary>Absences of students on individual study are not recorded (A-3).</summary>
    public const string AbsenceIndividualStudy = "absence.individual_study";
}

/// <summary>The Ukrainian wording of every refusal, in one place.</summary>
internal static class CellErrors
{
    public static DomainError Unknown(string shown, int grade, MarkColumn column, SubjectTraits subject, bool individualStudy)
    {
        var hint = subject.IsOptionalCourse
            ? "На факультативі відмічають лише відсутність: «н» або «хв»."
            : $"Напишіть {ScaleMark(grade, subject)}{(column == MarkColumn.Current && !individualStudy ? ", «н» або «хв»" : "")}.";
        return new(CellErrorCodes.Unknown, $"Не розумію «{shown}». {hint}");
    }

    public static DomainError OutOfScale(string shown, int grade, bool isWhole) =>
        new(CellErrorCodes.OutOfScale,
            $"Оцінка «{shown}» поза шкалою: у {grade} класі ставлять {(isWhole ? "" : "цілі ")}бали від 1 до 12.");

    public static DomainError WrongScale(string shown, int grade, SubjectTraits subject) =>
        new(CellErrorCodes.WrongScale, $"«{shown}» не підходить: {ScaleRule(grade, subject)}.");

    public static DomainError AppealOnlyScaleMark(int grade, SubjectTraits subject) =>
        new(CellErrorCodes.NotForColumn, $"У колонку «Апеляційна» ставлять лише {ScaleMark(grade, subject)}.");

    public static DomainError NotForColumn(string shown, MarkColumn column) => column switch
    {
        MarkColumn.Corrected1 or MarkColumn.Corrected2 => new(CellErrorCodes.NotForColumn,
            $"У колонку «Скоригована» пишуть лише підвищену оцінку, тож «{shown}» туди не ставлять."),
        _ => new(CellErrorCodes.NotForColumn, $"«{shown}» не ставлять {Where(column)}."),
    };

    public static DomainError NotAttestedNotForColumn(MarkColumn column) =>
        column is MarkColumn.Corrected1 or MarkColumn.Corrected2
            ? NotForColumn(MarkValue.NotAttested.Text, column)
            : new(CellErrorCodes.NotForColumn,
                "«н/а» ставлять лише в колонки «Тематична», «І семестр», «ІІ семестр», «Річна» та «ДПА».");

    public static DomainError NotebookAbsentNotForColumn() =>
        new(CellErrorCodes.NotForColumn, "«н/о» ставлять лише в колонку «Зошит», коли учня не було на уроках.");

    public static DomainError ExemptNotForSubject() =>
        new(CellErrorCodes.NotForSubject,
            "«зв» ставлять лише з фізичної культури та «Захисту України», а з інших предметів — тільки в колонку «ДПА».");

    public static DomainError CreditedNotForSubject() =>
        new(CellErrorCodes.NotForSubject,
            "«зар» ставлять лише з фізичної культури учням спеціальної медичної групи.");

    /// <summary>N-12: "незар" outside the semester and annual marks of a grade the teachers' council's decision covers.</summary>
    public static DomainError NotCreditedRefused(int grade, MarkColumn column, bool councilCredit) => councilCredit
        ? new(CellErrorCodes.NotForColumn, $"«незар» ставлять лише за семестр і рік (за рішенням педагогічної ради), тож не {Where(column)}.")
        : new(CellErrorCodes.NotForGrade,
            $"«незар» ставлять лише за семестр і рік у класах, для яких педагогічна рада на час воєнного стану ухвалила оцінювання «зараховано / не зараховано»; для {grade} класу такого рішення немає.");

    /// <summary>N-12: "зар" outside PE in a semester or annual column of a grade the council's decision does not cover.</summary>
    public static DomainError CreditedWithoutDecision(int grade) =>
        new(CellErrorCodes.NotForSubject,
            $"«зар» за семестр і рік ставлять за рішенням педагогічної ради на час воєнного стану, а для {grade} класу такого рішення немає; інакше «зар» — лише з фізичної культури для спеціальної медичної групи.");

    public static DomainError CreditedNotForGrade(int grade) =>
        new(CellErrorCodes.NotForGrade, $"У {grade} класі «зар» не ставлять: цю позначку використовують у 5–11 класах.");

    public static DomainError PrimaryColumn(int grade, MarkColumn column) =>
        new(CellErrorCodes.ColumnNotForGrade,
            GradeScales.HasSemesterResults(grade)
                ? $"У {grade} класі колонки «{MarkColumns.Title(column)}» немає: у 3–4 класах ставлять поточні оцінки, семестрові та річний результати."
                : $"У {grade} класі колонки «{MarkColumns.Title(column)}» немає: у 1–2 класах ставлять лише поточні оцінки та річний результат.");

    public static DomainError NoStateAttestation(int grade, MarkColumn column) =>
        new(CellErrorCodes.ColumnNotForGrade,
            $"У {grade} класі колонки «{MarkColumns.Title(column)}» немає: ДПА проходять у 4, 9 та 11 класах.");

    public static DomainError ColumnNotForSubject(MarkColumn column) => new(CellErrorCodes.ColumnNotForSubject, column switch
    {
        MarkColumn.Notebook =>
            "З цього предмета колонку «Зошит» не ведуть: її ведуть лише з української мови та літератур, англійської й німецької мов і математики.",
        _ when MarkColumns.IsForeignSpeechActivity(column) =>
            $"Колонку «{MarkColumns.Title(column)}» ведуть лише з іноземних мов.",
        _ => $"Колонку «{MarkColumns.Title(column)}» ведуть лише з мов і літератур.",
    });

    public static DomainError IndividualStudy(MarkColumn column) =>
        new(CellErrorCodes.IndividualStudy,
            "Учням на індивідуальному навчанні на сторінку предмета переносять лише семестрові, скориговані та річні оцінки й ДПА, "
            + $"тож {Where(column)} оцінку не ставлять.");

    public static DomainError OptionalCourse() =>
        new(CellErrorCodes.OptionalCourse, "Факультатив не оцінюється: тут відмічають лише відсутність («н» або «хв»).");

    public static DomainError AbsenceNotForColumn(AbsenceKind kind, MarkColumn column) =>
        new(CellErrorCodes.AbsenceNotForColumn,
            $"Позначку «{AbsenceKinds.Text(kind)}» ставлять лише під датою уроку, а не в колонку «{MarkColumns.Title(column)}».");

    public static DomainError AbsenceIndividualStudy() =>
        new(CellErrorCodes.AbsenceIndividualStudy, "Відсутність учнів на індивідуальному навчанні в журналі не відмічають.");

    // "бал від 1 до 12" / "рівень П, С, Д або В" / "«сформовано»"
    private static string ScaleMark(int grade, SubjectTraits subject) => GradeScales.For(grade, subject) switch
    {
        GradeScale.TwelvePoint => "бал від 1 до 12",
        GradeScale.Levels => "рівень П, С, Д або В",
        _ => "«сформовано»",
    };

    // "у 7 класі ставлять бали від 1 до 12"
    private static string ScaleRule(int grade, SubjectTraits subject) => GradeScales.For(grade, subject) switch
    {
        GradeScale.TwelvePoint => $"у {grade} класі ставлять бали від 1 до 12",
        GradeScale.Levels => $"у {grade} класі ставлять рівні П, С, Д або В",
        _ when GradeScales.ForGrade(grade) == GradeScale.Levels => $"у {grade} класі цей предмет оцінюють вербально, ставлять лише «сформовано»",
        _ => $"у {grade} класі ставлять лише «сформовано»",
    };

    private static string Where(MarkColumn column) =>
        MarkColumns.IsDated(column) ? "під датою уроку" : $"у колонку «{MarkColumns.Title(column)}»";
}
