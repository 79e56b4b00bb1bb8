using Bot.Domain.Grading;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Diary;

public sealed partial class DiaryQueries
{
    /// <summary>
    /// A student's marks over a semester of the current school year (the semester of today by default; between
    /// semesters, the one that ended): by subject, with the mean of the numeric current marks, the thematic and final
    /// marks, and the proposed semester mark (M-6) where the grade has one (5–11).
    /// </summary>
    public async Task<Result<StudentMarks>> StudentMarksAsync(Guid studentId, int? semester = null, CancellationToken ct = default)
    {
        if (semester is not (null or 1 or 2)) return DiaryErrors.WrongSemester;
        var student = await StudentAsync(studentId, ct);
        if (student is null) return DiaryErrors.StudentNotFound;
        var school = await SchoolAsync(student.Value.SchoolId, ct);
        var today = TodayIn(school);
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
        var year = years.FirstOrDefault(y => y.Contains(today))
            ?? years.Where(y => y.StartsOn <= today).MaxBy(y => y.StartsOn)
            ?? years.MinBy(y => y.StartsOn);
        if (year is null) return DiaryErrors.NoSchoolYear(today);

        var number = semester ?? year.SemesterOf(today) ?? (today < year.Semester2Start ? 1 : 2);
        var (from, to) = number == 1 ? (year.Semester1Start, year.Semester1End) : (year.Semester2Start, year.Semester2End);
        var grade = await db.Enrolments.AsNoTracking().Where(e => e.StudentId == studentId)
            .Join(db.Classes.Where(c => c.SchoolYearId == year.Id), e => e.ClassId, c => c.Id, (e, c) => new { e.From, c.Grade })
            .OrderByDescending(x => x.From).Select(x => (int?)x.Grade).FirstOrDefaultAsync(ct);
        var marks = await db.Marks.AsNoTracking().Where(m => m.StudentId == studentId && m.SchoolYearId == year.Id).ToListAsync(ct);
        var subjectIds = marks.Select(m => m.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var groupIds = marks.Where(m => m.GroupId != null).Select(m => m.GroupId!.Value).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var outcomeIds = marks.Where(m => m.ResultGroupId != null).Select(m => m.ResultGroupId!.Value).Distinct().ToList();
        var outcomes = outcomeIds.Count == 0 ? new Dictionary<Guid, ResultGroup>() : await db.ResultGroups.AsNoTracking().Where(g => outcomeIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);

        var inSemester = marks.Where(m => MarkColumns.IsFinal(m.Column) ? SemesterOfFinal(m.Column) == number : m.Date >= from && m.Date <= to);
        var bySubject = inSemester.GroupBy(m => m.SubjectId)
            .Select(g => SubjectMarksOf(subjects[g.Key], g.ToList(), groups, grade, outcomes))
            .OrderBy(s => s.PageTitle, UkrainianText.Comparer)
            .ToList();
        return new StudentMarks(studentId, student.Value.Name, year.Title, number, from, to, bySubject)
            { YearOutcomes = grade is <= 2 ? await YearOutcomesAsync(studentId, school.Id, year.Id, ct) : [] };
    }

    /// <summary>N-21: the year's levels of a student of grades 1–2 by educational field; empty until one is written.</summary>
    private async Task<IReadOnlyList<FieldResults>> YearOutcomesAsync(Guid studentId, Guid schoolId, Guid yearId, CancellationToken ct)
    {
        var levels = await db.OutcomeResults.AsNoTracking().Where(r => r.StudentId == studentId && r.SchoolYearId == yearId)
            .ToDictionaryAsync(r => r.LearningOutcomeId, r => r.Level, ct);
        if (levels.Count == 0) return [];
        var setup = await new LearningOutcomeService(db, clock).ForYearAsync(schoolId, yearId, ct);
        return setup.Fields
            .Select(f => new FieldResults(f.Name, setup.Outcomes[f.Id]
                .Select(o => new OutcomeYearResult(o.Code, o.Title, levels.TryGetValue(o.Id, out var l) ? l.Text() : null)).ToList()))
            .Where(f => f.Outcomes.Any(o => o.Level is not null)).ToList();
    }

    /// <summary>The semester a final column belongs to: "І семестр" and its correction to the first, the rest to the second.</summary>
    private static int SemesterOfFinal(MarkColumn column) => column is MarkColumn.Semester1 or MarkColumn.Corrected1 ? 1 : 2;

    private static SubjectMarks SubjectMarksOf(Subject subject, List<Mark> marks, Dictionary<Guid, string> groups, int? grade,
        Dictionary<Guid, ResultGroup> outcomes)
    {
        var groupName = marks.Select(m => m.GroupId).LastOrDefault(g => g is not null) is { } gid ? groups.GetValueOrDefault(gid) : null;
        var title = ClassGroup.PageTitle(subject.Name, groupName);
        DiaryMark ToDiary(Mark m) => new(m.Id, m.SubjectId, title, m.Column, m.Date, m.Value, m.WorkKind);
        var ordered = marks.OrderBy(m => m.Date).ThenBy(m => m.Column).ThenBy(m => m.CreatedAtUtc).ToList();

        var current = ordered.Where(m => m.Column != MarkColumn.Thematic && !MarkColumns.IsFinal(m.Column) && !MarkColumns.IsResultGroup(m.Column)).ToList();
        // N-7: the marks by group of learning outcomes, with the groups' codes and titles, in the groups' order.
        var byGroup = ordered.Where(m => m.ResultGroupId is { } id && outcomes.ContainsKey(id)).Select(m => (Group: outcomes[m.ResultGroupId!.Value], m.Value))
            .OrderBy(x => x.Group.Number).Select(x => new OutcomeMark(x.Group.Code, x.Group.Title, x.Value)).ToList();
        var thematic = ordered.Where(m => m.Column == MarkColumn.Thematic).ToList();
        var final = ordered.Where(m => MarkColumns.IsFinal(m.Column)).ToList();
        var average = Average(current.Where(m => m.Value.IsNumeric).Select(m => m.Value.Points).ToList());

        Suggestion? suggested = null;
        if (byGroup.Count > 0)
            suggested = MarkSuggestions.SuggestFromResultGroups(byGroup.Select(o => o.Value).ToList());
        else if (grade is { } g && !GradeScales.IsPrimary(g) && thematic.Count > 0)
        {
            // M-6: from the thematic marks; in foreign languages the compulsory kinds of speech activity count with them (seed II.2).
            var basis = thematic.Select(m => m.Value)
                .Concat(subject.IsForeignLanguage ? current.Where(m => MarkColumns.IsForeignSpeechActivity(m.Column)).Select(m => m.Value) : [])
                .ToList();
            var missedSemester = thematic.All(m => m.Value.Kind == MarkKind.NotAttested);
            suggested = MarkSuggestions.SuggestSemester(basis, missedSemester);
        }

        return new SubjectMarks(subject.Id, title, current.Select(ToDiary).ToList(), average, thematic.Select(ToDiary).ToList(),
            final.Select(ToDiary).ToList(), suggested) { Outcomes = byGroup };
    }
}
