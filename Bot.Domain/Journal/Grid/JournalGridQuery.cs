using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal.Grid;

/// <summary>
/// Reads one page of the journal for the web grid in a fixed number of queries: the students in the journal's order
/// (J-4, J-5), the lessons of the period with their numbers, topics and homework (J-6), the marks and absences, the
/// dateless columns where their marks stand (M-3), the final columns, parents' reports, and the proposals for
/// empty thematic and semester cells (M-5, M-6) and the 10–11 mathematics marks (M-9).
/// </summary>
public sealed class JournalGridQuery(JournalDbContext db, TimeProvider clock)
{
    /// <summary>The final columns in the paper journal's order.</summary>
    private static readonly MarkColumn[] FinalOrder =
        [MarkColumn.Semester1, MarkColumn.Corrected1, MarkColumn.Semester2, MarkColumn.Corrected2, MarkColumn.Annual, MarkColumn.Dpa, MarkColumn.Appeal];

    /// <summary>
    /// The page, or null when the class, subject or group is unknown. <paramref name="extraColumns"/> are dateless
    /// columns the teacher opens before their first mark (a "Тематична" at a date).
    /// </summary>
    public async Task<JournalGrid?> LoadAsync(Guid classId, Guid subjectId, Guid? groupId, GridPeriod? period = null,
        IReadOnlyCollection<(MarkColumn Column, DateOnly Date)>? extraColumns = null, CancellationToken ct = default)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return null;
        var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.SchoolId == cls.SchoolId, ct);
        if (subject is null) return null;
        ClassGroup? group = null;
        if (groupId is { } gid)
        {
            group = await db.Groups.AsNoTracking().Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == gid && g.ClassId == classId, ct);
            if (group is null) return null;
        }

        var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, ct);
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == cls.SchoolId).Select(s => new { s.TimeZone, s.NusThematic, s.PeriodMarkDays }).FirstAsync(ct);
        var timeZone = school.TimeZone;
        // N-7: an НУШ class's page has a column per group of learning outcomes before each semester's mark.
        var outcomes = cls.AssessedByResultGroups && subject.Kind != SubjectKind.Optional
            ? (await db.ResultGroups.AsNoTracking().Where(g => g.SchoolYearId == cls.SchoolYearId && g.SubjectId == subjectId).ToListAsync(ct)).OrderBy(g => g.Number).ToList()
            : [];
        var today = SchoolTime.Today(clock, timeZone);
        var shown = period ?? (year.SemesterOf(today) == 2 || today > year.EndsOn ? GridPeriod.Semester2 : GridPeriod.Semester1);
        var (from, to) = shown switch
        {
            GridPeriod.Semester1 => (year.StartsOn, year.Semester2Start.AddDays(-1)),
            GridPeriod.Semester2 => (year.Semester2Start, year.EndsOn),
            _ => (year.StartsOn, year.EndsOn),
        };

        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => l.ClassId == classId && l.SubjectId == subjectId && l.GroupId == groupId && l.SchoolYearId == year.Id)
            .OrderBy(l => l.Date).ThenBy(l => l.Slot)
            .Select(l => new { l.Id, l.Number, l.Date, l.Slot, l.Topic, l.ThemeTitle, l.Homework, l.SubstituteNote })
            .ToListAsync(ct);
        var marks = await db.Marks.AsNoTracking()
            .Where(m => m.ClassId == classId && m.SubjectId == subjectId && m.GroupId == groupId && m.SchoolYearId == year.Id)
            .Select(m => new PageMark(m.StudentId, m.Column, m.Date, m.Slot, m.Value, m.WorkKind, m.SourceNote))
            .ToListAsync(ct);
        var absences = await db.Absences.AsNoTracking()
            .Where(a => a.ClassId == classId && a.SubjectId == subjectId && a.Date >= year.StartsOn && a.Date <= year.EndsOn)
            .Select(a => new { a.LessonId, a.StudentId, a.Kind, a.Date })
            .ToListAsync(ct);
        // The lessons' statuses after an alert (N-19, ADR 0044), shown after their topics.
        Timetable.DayChangeKind[] statusKinds = [Timetable.DayChangeKind.HeldInShelter, Timetable.DayChangeKind.OnlineSync, Timetable.DayChangeKind.OnlineAsync,
            Timetable.DayChangeKind.NotHeldAlert];
        var statuses = (await db.DayChanges.AsNoTracking()
                .Where(c => c.ClassId == classId && c.SubjectId == subjectId && c.GroupId == groupId && statusKinds.Contains(c.Kind)
                    && c.Date >= year.StartsOn && c.Date <= year.EndsOn)
                .Select(c => new { c.Date, c.LessonNumber, c.Kind, c.CreatedAtUtc }).ToListAsync(ct))
            .OrderBy(c => c.CreatedAtUtc).GroupBy(c => (c.Date, c.LessonNumber ?? -1)).ToDictionary(g => g.Key, g => g.Last().Kind);
        var lessonIds = lessons.Select(l => l.Id).ToHashSet();
        absences = absences.Where(a => lessonIds.Contains(a.LessonId)).ToList();

        var rows = await RowsAsync(cls, group, from, to, ct);
        var studentIds = rows.Select(r => r.StudentId).ToList();
        var notices = await db.AbsenceNotices.AsNoTracking()
            .Where(n => studentIds.Contains(n.StudentId) && n.Date >= from && n.Date <= to)
            .Select(n => new GridNotice(n.StudentId, n.Date, n.Reason, n.ReportedBy, n.ExcusedAtUtc != null))
            .ToListAsync(ct);

        var inPeriod = lessons.Where(l => l.Date >= from && l.Date <= to).ToList();
        var columns = inPeriod.Select(l => new GridColumn(Mark.SlotOf(MarkColumn.Current, l.Date, l.Id), MarkColumn.Current, l.Date, l.Id, l.Number)).ToList();
        var dateless = marks.Where(m => m.Column != MarkColumn.Current && !MarkColumns.IsFinal(m.Column) && !MarkColumns.IsResultGroup(m.Column) && m.Date >= from && m.Date <= to)
            .GroupBy(m => m.Slot)
            .Select(g => new GridColumn(g.Key, g.First().Column, g.Min(m => m.Date), null, null))
            .Concat((extraColumns ?? []).Where(e => !MarkColumns.IsDated(e.Column) && !MarkColumns.IsFinal(e.Column))
                .Select(e => new GridColumn(Mark.SlotOf(e.Column, e.Date, null), e.Column, e.Date, null, null)))
            .DistinctBy(c => c.Key);
        columns = columns.Concat(dateless)
            .OrderBy(c => c.Date).ThenBy(c => c.IsLesson ? 0 : 1).ThenBy(c => c.Column)
            .ToList();
        var finals = FinalColumns(cls, subject, shown).Union(marks.Where(m => MarkColumns.IsFinal(m.Column) && InPeriod(m.Column, shown)).Select(m => m.Column));
        foreach (var final in FinalOrder.Where(finals.Contains))
        {
            if (final is MarkColumn.Semester1 or MarkColumn.Semester2)
            {
                var column = MarkColumns.ResultGroupOf(final == MarkColumn.Semester1 ? 1 : 2);
                columns.AddRange(outcomes.Select(g => new GridColumn(Mark.SlotOf(column, default, null, g.Id), column, default, null, null, g)));
            }

            columns.Add(new GridColumn(final.ToString(), final, default, null, null));
        }

        var cells = new Dictionary<(Guid, string), GridCell>();
        foreach (var m in marks) cells[(m.StudentId, m.Slot)] = new GridCell(m.Value.Text, false) { SourceNote = m.SourceNote };
        foreach (var a in absences) cells[(a.StudentId, Mark.SlotOf(MarkColumn.Current, a.Date, a.LessonId))] = new GridCell(AbsenceKinds.Text(a.Kind), true);

        var missedLessons = absences.ToLookup(a => a.StudentId, a => a.LessonId);
        var grid = new JournalGrid
        {
            Class = cls, Subject = subject, Group = group, Year = year, Today = today, Period = shown,
            Columns = columns, Rows = rows,
            Lessons = inPeriod.Select(l => new GridLesson(l.Id, l.Number, l.Date, l.Slot,
                statuses.TryGetValue((l.Date, l.Slot), out var status) ? $"{l.Topic} ({Timetable.DayChangeText.StatusText(status)})" : l.Topic, l.ThemeTitle,
                string.Join(" ", new[] { l.Homework, l.SubstituteNote }.Where(s => !string.IsNullOrEmpty(s))))).ToList(),
            Cells = cells,
            Suggestions = Suggest(cls, subject, year, from, columns, rows, marks, lessons.Select(l => (l.Id, l.Date)).ToList(), missedLessons, cells, outcomes.Count > 0),
            Notices = notices.GroupBy(n => (n.StudentId, n.Date)).ToDictionary(g => g.Key, g => g.Last()),
            Mathematics = await MathematicsAsync(cls, subject, year, studentIds, marks, ct),
            ResultGroups = outcomes,
            ThematicAllowed = !cls.AssessedByResultGroups || school.NusThematic,
            PeriodMarkDays = school.PeriodMarkDays,
            // N-12: displaced students whose annual mark this year comes from semester II alone.
            AnnualFromSemester2 = (await db.Students.AsNoTracking()
                    .Where(s => studentIds.Contains(s.Id) && s.AnnualFromSemester2Since != null
                        && s.AnnualFromSemester2Since >= year.StartsOn && s.AnnualFromSemester2Since <= year.EndsOn)
                    .Select(s => s.Id).ToListAsync(ct)).ToHashSet(),
            CouncilCredit = year.CreditsPeriodMarks(cls.Grade),
        };
        return grid;
    }

    private sealed record PageMark(Guid StudentId, MarkColumn Column, DateOnly Date, string Slot, MarkValue Value, string? WorkKind, string? SourceNote = null);

    /// <summary>
    /// The students of the page over the period in the class list's order (J-4); on a group's page, who was in the group
    /// on a day of the period (J-5).
    /// </summary>
    private async Task<List<GridRow>> RowsAsync(SchoolClass cls, ClassGroup? group, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var entries = await ClassList.LoadAsync(db, [cls.Id], from, to, ct: ct);
        if (group is not null) entries = entries.Where(e => group.Members.Any(m => m.StudentId == e.StudentId && m.Meets(from, to))).ToList();
        return entries.GroupBy(e => e.StudentId)
            .Select((g, i) => new GridRow(i + 1, g.Key, g.First().FullName, g.Min(e => e.From), g.Any(e => e.To is null) ? null : g.Max(e => e.To),
                g.First().ListPosition > 0, g.First().StudyMode == StudyMode.Individual))
            .ToList();
    }

    /// <summary>
    /// Final columns a page shows for a period: none on optional courses (J-10); only the annual result in 1–2 (M-1, N-13);
    /// the semester and annual results in 3–4, no corrected marks (N-14); ДПА in 4, 9, 11 (M-10).
    /// </summary>
    private static IEnumerable<MarkColumn> FinalColumns(SchoolClass cls, Subject subject, GridPeriod period)
    {
        if (subject.Kind == SubjectKind.Optional) yield break;
        var primary = GradeScales.IsPrimary(cls.Grade);
        var columns = primary
            ? GradeScales.HasSemesterResults(cls.Grade)
                ? new List<MarkColumn> { MarkColumn.Semester1, MarkColumn.Semester2, MarkColumn.Annual }
                : [MarkColumn.Annual]
            : [MarkColumn.Semester1, MarkColumn.Corrected1, MarkColumn.Semester2, MarkColumn.Corrected2, MarkColumn.Annual];
        if (cls.Grade is 4 or 9 or 11) columns.AddRange([MarkColumn.Dpa, MarkColumn.Appeal]);
        foreach (var c in columns.Where(c => InPeriod(c, period))) yield return c;
    }

    private static bool InPeriod(MarkColumn final, GridPeriod period) => period switch
    {
        GridPeriod.Semester1 => final is MarkColumn.Semester1 or MarkColumn.Corrected1,
        GridPeriod.Semester2 => final is not (MarkColumn.Semester1 or MarkColumn.Corrected1),
        _ => true,
    };

    /// <summary>
    /// M-5: an empty cell of a thematic column gets the mean of the student's current marks since the previous
    /// thematic column (the theme); M-6: an empty semester cell gets the mean of the semester's thematic marks.
    /// </summary>
    private static Dictionary<(Guid, string), GridSuggestion> Suggest(SchoolClass cls, Subject subject, SchoolYear year, DateOnly from,
        IReadOnlyList<GridColumn> columns, IReadOnlyList<GridRow> rows, IReadOnlyList<PageMark> marks, IReadOnlyList<(Guid Id, DateOnly Date)> lessons,
        ILookup<Guid, Guid> missed, IReadOnlyDictionary<(Guid, string), GridCell> cells, bool byResultGroups)
    {
        var result = new Dictionary<(Guid, string), GridSuggestion>();
        if (subject.Kind == SubjectKind.Optional || GradeScales.IsPrimary(cls.Grade)) return result;
        var byStudent = marks.ToLookup(m => m.StudentId);
        var thematicDates = marks.Where(m => m.Column == MarkColumn.Thematic).Select(m => m.Date)
            .Concat(columns.Where(c => c.Column == MarkColumn.Thematic).Select(c => c.Date)).Distinct().Order().ToList();

        foreach (var column in columns.Where(c => c.Column is MarkColumn.Thematic or MarkColumn.Semester1 or MarkColumn.Semester2))
        {
            var (start, end) = column.Column switch
            {
                MarkColumn.Thematic => (thematicDates.LastOrDefault(d => d < column.Date, from.AddDays(-1)).AddDays(1), column.Date),
                MarkColumn.Semester1 => (year.Semester1Start, year.Semester1End),
                _ => (year.Semester2Start, year.Semester2End),
            };
            var periodLessons = lessons.Where(l => l.Date >= start && l.Date <= end).Select(l => l.Id).ToHashSet();
            foreach (var row in rows)
            {
                if (cells.ContainsKey((row.StudentId, column.Key)) || (column.Column == MarkColumn.Thematic && !row.IsOnListOn(column.Date))) continue;
                var own = byStudent[row.StudentId].Where(m => m.Date >= start && m.Date <= end).ToList();
                var absent = missed[row.StudentId].Count(periodLessons.Contains);
                var suggestion = byResultGroups && column.Column != MarkColumn.Thematic
                    // N-7: an НУШ semester mark is proposed from the semester's group-of-outcomes marks.
                    ? MarkSuggestions.SuggestFromResultGroups(own.Where(m => m.Column == MarkColumns.ResultGroupOf(column.Column == MarkColumn.Semester1 ? 1 : 2))
                        .Select(m => m.Value).ToList())
                    : column.Column == MarkColumn.Thematic
                    ? MarkSuggestions.SuggestThematic(own.Where(m => m.Column != MarkColumn.Thematic && !MarkColumns.IsFinal(m.Column))
                            .Select(m => new GradedWork(m.Value, m.Column, m.WorkKind ?? "")).ToList(),
                        subject.Traits, cls.Grade, cls.IsNus, missedTheme: absent > 0)
                    : MarkSuggestions.SuggestSemester(own.Where(m => m.Column == MarkColumn.Thematic).Select(m => m.Value).ToList(),
                        missedSemester: periodLessons.Count > 0 && absent == periodLessons.Count);
                if (suggestion.Value is { } value) result[(row.StudentId, column.Key)] = new GridSuggestion(value.Text, suggestion.IsObjective, suggestion.Explanation);
            }
        }

        return result;
    }

    /// <summary>M-9: on the algebra page of grades 10–11, the mathematics mark of each final column from the algebra and geometry marks.</summary>
    private async Task<Dictionary<(MarkColumn, Guid), MathematicsMark>> MathematicsAsync(SchoolClass cls, Subject subject, SchoolYear year,
        List<Guid> studentIds, IReadOnlyList<PageMark> algebraMarks, CancellationToken ct)
    {
        var result = new Dictionary<(MarkColumn, Guid), MathematicsMark>();
        if (cls.Grade is not (10 or 11) || subject.SearchKey != UkrainianText.SearchKey("Алгебра")) return result;
        var geometryKey = UkrainianText.SearchKey("Геометрія");
        var geometryId = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == cls.SchoolId && s.SearchKey == geometryKey).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (geometryId is null) return result;
        var geometry = (await db.Marks.AsNoTracking()
                .Where(m => m.ClassId == cls.Id && m.SubjectId == geometryId && m.SchoolYearId == year.Id && studentIds.Contains(m.StudentId))
                .Select(m => new { m.StudentId, m.Column, m.Value }).ToListAsync(ct))
            .Where(m => MarkColumns.IsFinal(m.Column)).ToDictionary(m => (m.StudentId, m.Column), m => m.Value);
        var algebra = algebraMarks.Where(m => MarkColumns.IsFinal(m.Column)).ToDictionary(m => (m.StudentId, m.Column), m => m.Value);

        MarkValue? Of(Dictionary<(Guid, MarkColumn), MarkValue> marks, Guid student, MarkColumn column) =>
            marks.TryGetValue((student, column), out var v) ? v : null;
        foreach (var student in studentIds)
        foreach (var (column, fallback) in new (MarkColumn, MarkColumn?)[]
                 {
                     (MarkColumn.Semester1, null), (MarkColumn.Corrected1, MarkColumn.Semester1), (MarkColumn.Semester2, null),
                     (MarkColumn.Corrected2, MarkColumn.Semester2), (MarkColumn.Annual, null),
                 })
        {
            // "Скоригована. Математика": a subject whose mark was not corrected brings its semester mark.
            var a = Of(algebra, student, column);
            var g = Of(geometry, student, column);
            if (fallback is { } f && (a is not null || g is not null))
            {
                a ??= Of(algebra, student, f);
                g ??= Of(geometry, student, f);
            }

            if (a is { } av && g is { } gv && MarkSuggestions.CombineMathematics(av, gv) is { } combined)
                result[(column, student)] = new MathematicsMark(column, student, combined.Text, av.Text, gv.Text);
        }

        return result;
    }
}
