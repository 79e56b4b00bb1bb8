using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Diary;

public sealed partial class DiaryQueries
{
    private static readonly MarkColumn[] FinalColumns =
        [MarkColumn.Semester1, MarkColumn.Corrected1, MarkColumn.Semester2, MarkColumn.Corrected2, MarkColumn.Annual, MarkColumn.Dpa, MarkColumn.Appeal];

    private static readonly MarkColumn[] MathematicsColumns =
        [MarkColumn.Semester1, MarkColumn.Corrected1, MarkColumn.Semester2, MarkColumn.Corrected2, MarkColumn.Annual];

    /// <summary>
    /// A class's journal over a period (<see cref="JournalPeriod.Parse"/>: "semester1", "semester2", "year", "YYYY-MM"),
    /// all subjects or one (<paramref name="subjectId"/>): the rows of the diary's bulk read (<see cref="DiaryData"/>) plus
    /// the year's final marks, the assignments, the logs and the remarks — a fixed number of queries.
    /// </summary>
    public async Task<Result<ClassJournal>> ClassJournalAsync(Guid classId, string? periodCode, Guid? subjectId = null, CancellationToken ct = default)
    {
        var found = await ClassAsync(classId, ct);
        if (found is not { } c) return DiaryErrors.ClassNotFound;
        var parsed = JournalPeriod.Parse(periodCode, c.Year);
        if (!parsed.IsSuccess) return parsed.Error;
        var period = parsed.Value!;

        var data = await DiaryData.LoadAsync(db, c.School, [c.Class], new Dictionary<Guid, SchoolYear> { [c.Year.Id] = c.Year }, period.From, period.To,
            DiaryData.Parts.Marks | DiaryData.Parts.Absences, null, ct);
        var finals = await db.Marks.AsNoTracking()
            .Where(m => m.ClassId == classId && m.SchoolYearId == c.Year.Id
                && (FinalColumns.Contains(m.Column) || m.Column == MarkColumn.ResultGroup1 || m.Column == MarkColumn.ResultGroup2)).ToListAsync(ct);
        // N-7: the year's groups of learning outcomes, for the group columns' codes, the legend and the report cards.
        var outcomeGroups = finals.Any(m => m.ResultGroupId != null)
            ? await db.ResultGroups.AsNoTracking().Where(g => g.SchoolYearId == c.Year.Id).ToDictionaryAsync(g => g.Id, ct)
            : [];
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == classId).ToListAsync(ct);
        var excursions = await db.Excursions.AsNoTracking().Where(e => e.ClassId == classId && e.Date >= period.From && e.Date <= period.To).ToListAsync(ct);
        var briefings = await db.SafetyBriefings.AsNoTracking().Where(b => b.ClassId == classId && b.ClassDate >= period.From && b.ClassDate <= period.To).ToListAsync(ct);
        var remarks = await db.Remarks.AsNoTracking().Where(r => r.ClassId == classId && r.WrittenOn >= period.From && r.WrittenOn <= period.To).ToListAsync(ct);
        var staffIds = assignments.Select(a => a.TeacherId).Concat(excursions.Select(e => e.TeacherId)).Concat(remarks.Select(r => r.AuthorId))
            .Concat(remarks.Where(r => r.RespondedById != null).Select(r => r.RespondedById!.Value))
            .Append(c.Class.ClassTeacherId ?? Guid.Empty).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        string Name(Guid id) => staff.TryGetValue(id, out var s) ? s.ShortName : "";

        var enrolments = StudentsOf(data, classId, period.From, period.To).ToList();
        // N-12: the displaced students whose annual mark this year comes from semester II alone.
        var listed = enrolments.Select(e => e[0].StudentId).ToList();
        var fromSemester2 = await db.Students.AsNoTracking()
            .Where(s => listed.Contains(s.Id) && s.AnnualFromSemester2Since != null && s.AnnualFromSemester2Since >= c.Year.StartsOn && s.AnnualFromSemester2Since <= c.Year.EndsOn)
            .ToDictionaryAsync(s => s.Id, ct);
        var students = enrolments.Select((e, i) => new JournalStudent(i + 1, e[0].StudentId, e[0].FullName, e[0].From, e[^1].To,
            e[0].ListPosition > 0, e[0].StudyMode == StudyMode.Individual, e[0].Sex)
        {
            AnnualFromSemester2Since = fromSemester2.GetValueOrDefault(e[0].StudentId)?.AnnualFromSemester2Since,
        }).ToList();

        var pages = PagesOf(data, c.Class, students, assignments, Name, outcomeGroups)
            .Where(p => subjectId is null || p.SubjectId == subjectId)
            .OrderBy(p => p.Title, UkrainianText.Comparer).ToList();
        var attendance = enrolments.Select((e, i) => AttendanceRowOf(students[i], data.AttendanceOf(e), c.Year, period)).ToList();
        var months = MonthsOf(period);
        var (footnotes, markers) = FootnotesOf(students, finals, data, c.Year, c.Class.Grade, period, fromSemester2);
        var achievements = AchievementsOf(students, pages, finals, data, c.Class.Grade, period, outcomeGroups, markers);
        var studentNames = students.ToDictionary(s => s.Id, s => s.Name);
        var head = await new Audit.AuditVerifier(db).HeadAsync(c.School.Id, ct);
        var zone = SchoolTime.Resolve(c.School.TimeZone);

        return new ClassJournal(c.School.Name, c.Class.Name.ToString(), c.Class.Grade, c.Year.Title, period,
            c.Class.ClassTeacherId is { } ct0 && staff.TryGetValue(ct0, out var teacher) ? teacher.FullName : null,
            students, pages, attendance, months, achievements,
            excursions.OrderBy(e => e.Date).Select(e => new JournalLogEntry(e.Date, e.Form,
                e.SubjectId is { } sid && data.Subjects.TryGetValue(sid, out var subject) ? $"{e.Topic} ({subject.Name})" : e.Topic, Name(e.TeacherId))).ToList(),
            briefings.Where(b => studentNames.ContainsKey(b.StudentId))
                .OrderBy(b => b.Kind).ThenBy(b => b.ClassDate).ThenBy(b => students.First(s => s.Id == b.StudentId).Number)
                .Select(b => new JournalLogEntry(b.ClassDate, studentNames[b.StudentId],
                    (b.Kind == BriefingKind.Introductory ? "Вступний інструктаж. " : "Бесіда, інструктаж. ") + b.Topic, b.JournalEntry)).ToList(),
            remarks.OrderBy(r => r.WrittenOn).Select(r => new JournalRemark(r.WrittenOn, Name(r.AuthorId), r.Text,
                r.Response is { } answer ? Remark.ResponseTitle(answer) : null, r.RespondedOn, r.RespondedById is { } by ? Name(by) : null)).ToList())
        {
            AuditHead = new JournalAuditHead(head.Sequence, head.Hash, head.AtUtc is { } at ? TimeZoneInfo.ConvertTimeFromUtc(at, zone) : null),
            Footnotes = footnotes,
        };
    }

    private static IEnumerable<JournalPage> PagesOf(DiaryData data, SchoolClass cls, List<JournalStudent> students,
        List<TeachingAssignment> assignments, Func<Guid, string> name, Dictionary<Guid, ResultGroup> outcomeGroups)
    {
        var marks = data.Marks.SelectMany(m => m).ToLookup(m => (m.SubjectId, m.GroupId));
        var absences = data.Absences.SelectMany(a => a).ToLookup(a => a.LessonId);
        var lessonsByPage = data.Lessons[cls.Id].GroupBy(l => (l.SubjectId, l.GroupId)).ToList();
        var pageKeys = lessonsByPage.Select(g => g.Key).Union(marks.Select(g => g.Key)).ToList();
        foreach (var key in pageKeys)
        {
            var lessons = lessonsByPage.FirstOrDefault(g => g.Key == key)?.OrderBy(l => l.Date).ThenBy(l => l.Slot).ToList() ?? [];
            var pageMarks = marks[key].ToList();
            // A group's page lists who was in the group on a day of its lessons (or of the period, before any), or has marks on it.
            var (first, last) = lessons.Count > 0 ? (lessons[0].Date, lessons[^1].Date) : (data.From, data.To);
            var members = students.Where(s => key.GroupId is not { } g || data.InGroupDuring(cls.Id, s.Id, g, first, last) || pageMarks.Any(m => m.StudentId == s.Id)).ToList();

            var columns = lessons.Select(l => (Order: (l.Date, 0, l.Slot), Column: new JournalColumn(LessonKey(l.Id), l.Date, MarkColumn.Current, l.Date.ToString("dd.MM"))))
                .Concat(pageMarks.Where(m => m.Column != MarkColumn.Current).GroupBy(m => m.Slot)
                    .Select(g => DatelessColumn(g.Key, g.Min(m => m.Date), g.First(), outcomeGroups)))
                .OrderBy(x => x.Order).Select(x => x.Column).ToList();
            var legend = pageMarks.Where(m => m.ResultGroupId is { } id && outcomeGroups.ContainsKey(id)).Select(m => outcomeGroups[m.ResultGroupId!.Value])
                .DistinctBy(g => g.Id).OrderBy(g => g.Number).Select(g => new JournalOutcome(g.Code, g.Title)).ToList();

            var cells = new Dictionary<(Guid, string), string>();
            foreach (var m in pageMarks) cells[(m.StudentId, m.Column == MarkColumn.Current ? LessonKey(m.LessonId!.Value) : m.Slot)] = m.Value.Text;
            foreach (var l in lessons)
                foreach (var a in absences[l.Id])
                {
                    var cell = (a.StudentId, LessonKey(l.Id));
                    cells[cell] = cells.TryGetValue(cell, out var mark) ? $"{AbsenceKinds.Text(a.Kind)} {mark}" : AbsenceKinds.Text(a.Kind);
                }

            var teachers = assignments.Where(a => a.SubjectId == key.SubjectId && (a.GroupId == key.GroupId || a.GroupId is null))
                .Select(a => name(a.TeacherId)).Where(n => n.Length > 0).Distinct().ToList();
            // A lesson's status after an alert (N-19, ADR 0044) follows its topic: "Дроби (проведено в укритті)".
            var lines = lessons.Select(l => (Lesson: l, Topic: data.StatusOf(l) is { } status ? $"{l.Topic} ({status})" : l.Topic))
                .Select(x => new JournalLessonLine(x.Lesson.Date, x.Lesson.Number,
                    x.Lesson.ThemeTitle is null ? x.Topic : $"{x.Lesson.ThemeTitle}\n{x.Topic}", x.Lesson.HomeworkField, x.Lesson.ThemeTitle)).ToList();
            yield return new JournalPage(key.SubjectId, key.GroupId, data.PageTitle(key.SubjectId, key.GroupId), string.Join(", ", teachers),
                members, columns, cells, lines) { Outcomes = legend };
        }
    }

    /// <summary>
    /// A dateless column at its place (M-3); a group of results' column (N-7) by its code, just before the semester mark
    /// (placed on the same day), in the groups' order.
    /// </summary>
    private static ((DateOnly, int, int) Order, JournalColumn Column) DatelessColumn(string key, DateOnly date, Mark first,
        Dictionary<Guid, ResultGroup> outcomeGroups)
    {
        if (MarkColumns.IsResultGroup(first.Column) && first.ResultGroupId is { } id && outcomeGroups.TryGetValue(id, out var group))
        {
            var semester = first.Column == MarkColumn.ResultGroup1 ? "І" : "ІІ";
            return ((date, 1, (int)MarkColumn.Semester1 * 100 - 50 + group.Number),
                new JournalColumn(key, date, first.Column, group.Code, $"{group.Code} «{group.Title}», {semester} семестр"));
        }

        return ((date, 1, (int)first.Column * 100), new JournalColumn(key, date, first.Column, MarkColumns.Title(first.Column)));
    }

    private static string LessonKey(Guid lessonId) => $"L:{lessonId}";

    private static JournalAttendanceRow AttendanceRowOf(JournalStudent student, StudentAttendance attendance, SchoolYear year, JournalPeriod period) =>
        new(student, attendance.ByMonth().ToDictionary(m => (m.Year, m.Month), m => m.Totals),
            period.ShowsSemester(1) ? attendance.Semester(year, 1) : null,
            period.ShowsSemester(2) ? attendance.Semester(year, 2) : null,
            attendance.Between(period.From, period.To));

    private static List<(int Year, int Month)> MonthsOf(JournalPeriod period)
    {
        var months = new List<(int, int)>();
        for (var d = new DateOnly(period.From.Year, period.From.Month, 1); d <= period.To; d = d.AddMonths(1)) months.Add((d.Year, d.Month));
        return months;
    }

    /// <summary>
    /// The summary of achievements: each student's semester, corrected and annual marks per subject for the period's
    /// semesters (M-6..M-8); in grades 10–11 a "Математика" line from algebra and geometry (M-9).
    /// </summary>
    private static List<JournalSummaryRow> AchievementsOf(List<JournalStudent> students, List<JournalPage> pages, List<Mark> finals, DiaryData data,
        int grade, JournalPeriod period, Dictionary<Guid, ResultGroup> outcomeGroups, IReadOnlyDictionary<(Guid, Guid, MarkColumn), string> markers)
    {
        var shown = FinalColumns.Where(c => c switch
        {
            MarkColumn.Semester1 or MarkColumn.Corrected1 => period.ShowsSemester(1),
            _ => period.ShowsSemester(2),
        }).ToHashSet();
        var subjects = pages.Select(p => p.SubjectId).Distinct()
            .Select(id => data.Subjects[id]).Where(s => s.Kind != SubjectKind.Optional)
            .OrderBy(s => s.Name, UkrainianText.Comparer).ToList();
        var byCell = finals.Where(m => shown.Contains(m.Column)).ToDictionary(m => (m.StudentId, m.SubjectId, m.Column), m => m.Value);
        // N-7: the marks by group of outcomes of the period's semesters, by student and subject.
        var outcomeMarks = finals.Where(m => m.ResultGroupId is { } id && outcomeGroups.ContainsKey(id)
                && period.ShowsSemester(m.Column == MarkColumn.ResultGroup1 ? 1 : 2))
            .ToLookup(m => (m.StudentId, m.SubjectId));
        var algebra = subjects.FirstOrDefault(s => IsNamed(s, "алгебра"));
        var geometry = subjects.FirstOrDefault(s => IsNamed(s, "геометрія"));
        // J-5: a student has a line for a subject whose page (theirs, or their group's) lists them.
        var onPage = pages.SelectMany(p => p.Students.Select(s => (s.Id, p.SubjectId))).ToHashSet();
        var rows = new List<JournalSummaryRow>();
        foreach (var student in students)
        {
            foreach (var subject in subjects.Where(s => onPage.Contains((student.Id, s.Id))))
            {
                var marks = shown.Where(c => byCell.ContainsKey((student.Id, subject.Id, c)))
                    .ToDictionary(c => c, c => byCell[(student.Id, subject.Id, c)].Text + markers.GetValueOrDefault((student.Id, subject.Id, c), ""));
                var outcomes = outcomeMarks[(student.Id, subject.Id)].GroupBy(m => m.ResultGroupId!.Value).Select(g => outcomeGroups[g.Key])
                    .OrderBy(o => o.Number)
                    .Select(o => new JournalOutcomeMarks(o.Code, o.Title,
                        outcomeMarks[(student.Id, subject.Id)].FirstOrDefault(m => m.ResultGroupId == o.Id && m.Column == MarkColumn.ResultGroup1)?.Value.Text ?? "",
                        outcomeMarks[(student.Id, subject.Id)].FirstOrDefault(m => m.ResultGroupId == o.Id && m.Column == MarkColumn.ResultGroup2)?.Value.Text ?? ""))
                    .ToList();
                rows.Add(new JournalSummaryRow(student, subject.Name, marks) { Outcomes = outcomes });
            }

            if (grade >= 10 && algebra is not null && geometry is not null)
            {
                // M-9: "І семестр. Математика" and the rest: the mean of algebra and geometry, rounded.
                var maths = new Dictionary<MarkColumn, string>();
                foreach (var column in MathematicsColumns.Where(shown.Contains))
                    if (byCell.TryGetValue((student.Id, algebra.Id, column), out var a) && byCell.TryGetValue((student.Id, geometry.Id, column), out var g)
                        && MarkSuggestions.CombineMathematics(a, g) is { } combined)
                        maths[column] = combined.Text;
                rows.Add(new JournalSummaryRow(student, "Математика", maths, Mathematics: true));
            }
        }

        return rows;
    }

    /// <summary>
    /// N-12: the notes of the summary and report cards — the council's "зараховано / не зараховано" decision when a covered
    /// semester or annual mark is "зар"/"незар"; each converted period mark's source, by a marker "*1" put after the mark; each
    /// displaced student's annual mark from semester II. The markers by (student, subject, column).
    /// </summary>
    private static (List<JournalFootnote> Notes, Dictionary<(Guid, Guid, MarkColumn), string> Markers) FootnotesOf(List<JournalStudent> students,
        List<Mark> finals, DiaryData data, SchoolYear year, int grade, JournalPeriod period, Dictionary<Guid, Student> fromSemester2)
    {
        var notes = new List<JournalFootnote>();
        var markers = new Dictionary<(Guid, Guid, MarkColumn), string>();
        var number = students.ToDictionary(s => s.Id, s => s);
        bool Shown(MarkColumn column) => FinalColumns.Contains(column)
            && (column is MarkColumn.Semester1 or MarkColumn.Corrected1 ? period.ShowsSemester(1) : period.ShowsSemester(2));
        var listed = finals.Where(m => number.ContainsKey(m.StudentId) && Shown(m.Column)).ToList();
        if (year.CreditsPeriodMarks(grade) && listed.Any(m => m.Value.Kind is MarkKind.Credited or MarkKind.NotCredited && CellParser.IsCouncilCreditColumn(m.Column)))
            notes.Add(new JournalFootnote($"«зар» — зараховано, «незар» — не зараховано: семестрові й річні оцінки {string.Join(", ", year.CreditGradeList)} класів " +
                $"за {year.CreditDecisionTitle} (воєнний стан).", CouncilCredit: true));
        var converted = listed.Where(m => m.SourceNote is not null)
            .OrderBy(m => number[m.StudentId].Number).ThenBy(m => data.Subjects.TryGetValue(m.SubjectId, out var s) ? s.Name : "", UkrainianText.Comparer).ThenBy(m => m.Column);
        foreach (var m in converted)
        {
            var marker = $"*{markers.Count + 1}";
            markers[(m.StudentId, m.SubjectId, m.Column)] = marker;
            var subject = data.Subjects.TryGetValue(m.SubjectId, out var found) ? found.Name : "";
            notes.Add(new JournalFootnote($"{marker} {number[m.StudentId].Name}, {subject}, {MarkColumns.FullTitle(m.Column).ToLowerInvariant()} — {m.Value.Text}: {m.SourceNote}",
                m.StudentId));
        }

        if (period.ShowsSemester(2))
            foreach (var s in students.Where(s => s.AnnualFromSemester2Since is not null))
                notes.Add(new JournalFootnote($"{s.Name}: річну оцінку виставлено за результатами ІІ семестру (прибуття без оцінок за І семестр, воєнний стан; " +
                    $"позначка від {s.AnnualFromSemester2Since:dd.MM.yyyy}" + (fromSemester2[s.Id].AnnualFromSemester2Note is { } note ? $": {note}" : "") + ").", s.Id));
        return (notes, markers);
    }

    private static bool IsNamed(Subject subject, string name) => subject.SearchKey == UkrainianText.SearchKey(name);
}
