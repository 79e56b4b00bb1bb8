using Bot.Domain.Grading;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Diary;

public sealed partial class DiaryQueries
{
    /// <summary>
    /// The class teacher's summary of a school week (this week by default): attendance Monday to Friday, the
    /// students to report to the administration (A-4, runs counted from the start of the year), the number and mean
    /// of the week's marks per subject (current work: not thematic or final marks), and the lessons recorded without a
    /// topic (J-6).
    /// </summary>
    public async Task<Result<ClassTeacherWeek>> ClassTeacherWeekAsync(Guid classId, DateOnly? anyDateInWeek = null, CancellationToken ct = default)
    {
        var found = await ClassAsync(classId, ct);
        if (found is not { } c) return DiaryErrors.ClassNotFound;
        var monday = SchoolCalendar.MondayOf(anyDateInWeek ?? TodayIn(c.School));
        var friday = monday.AddDays(4);

        var data = await AttendanceDataAsync(c, Min(c.Year.StartsOn, monday), friday, ct);
        var attendance = AttendanceOf(data, c.Class, monday, friday);
        var reports = ReportsOf(data, c.Class, monday, friday);

        var marks = await db.Marks.AsNoTracking()
            .Where(m => m.ClassId == classId && m.Date >= monday && m.Date <= friday)
            .Select(m => new { m.SubjectId, m.Column, m.Value })
            .ToListAsync(ct);
        var subjectMarks = marks.Where(m => m.Column != MarkColumn.Thematic && !MarkColumns.IsFinal(m.Column) && !MarkColumns.IsResultGroup(m.Column))
            .GroupBy(m => m.SubjectId)
            .Select(g => new SubjectWeekMarks(g.Key, data.Subjects.TryGetValue(g.Key, out var s) ? s.Name : "?", g.Count(),
                Average(g.Where(m => m.Value.IsNumeric).Select(m => m.Value.Points).ToList())))
            .OrderBy(s => s.SubjectName, UkrainianText.Comparer)
            .ToList();

        var untitled = data.Lessons[classId].Where(l => l.Date >= monday && l.Date <= friday && string.IsNullOrWhiteSpace(l.Topic))
            .OrderBy(l => l.Date).ThenBy(l => l.Slot).ToList();
        var teacherIds = untitled.Select(l => l.TeacherId).Distinct().ToList();
        var teachers = teacherIds.Count == 0
            ? []
            : await db.Staff.AsNoTracking().Where(s => teacherIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ShortName, ct);
        var withoutTopic = untitled.Select(l => new LessonWithoutTopic(l.Id, l.Date, l.Slot, data.PageTitle(l.SubjectId, l.GroupId),
            teachers.GetValueOrDefault(l.TeacherId, ""))).ToList();

        return new ClassTeacherWeek(classId, c.Class.Name.ToString(), monday, friday, attendance, reports, subjectMarks, withoutTopic);
    }
}
