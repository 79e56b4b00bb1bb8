using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal;

/// <summary>A page's keeping over a period: lessons, lessons without a topic (J-6), marks entered after the lesson's day and beyond M-2's 10 days.</summary>
public sealed record PageFillIn(Guid ClassId, string ClassName, Guid SubjectId, Guid? GroupId, string PageTitle, int Lessons, int WithoutTopic,
    int MarksLate, int MarksBeyondWindow, DateOnly? LastLesson)
{
    public bool HasProblems => WithoutTopic > 0 || MarksBeyondWindow > 0;
}

/// <summary>Fill-in monitoring of the school's journals (seed 002, 4.1): per page, and the classes without marks this week.</summary>
public sealed record FillInReport(DateOnly From, DateOnly To, DateOnly WeekFrom, IReadOnlyList<PageFillIn> Pages, IReadOnlyList<string> ClassesWithoutMarksThisWeek);

public sealed class FillInMonitor(JournalDbContext db, TimeProvider clock, JournalSettings settings)
{
    /// <summary>
    /// The year's classes from <paramref name="from"/> to today: per class × subject (× group) page the lessons, those
    /// recorded without a topic, the current marks entered after the lesson's day (school time) and those entered
    /// more than <see cref="JournalSettings.LateMarkDays"/> days after it (M-2); and the classes with no mark dated this week.
    /// </summary>
    public async Task<FillInReport> ReportAsync(School school, SchoolYear year, DateOnly? from = null, CancellationToken ct = default)
    {
        var today = SchoolTime.Today(clock, school.TimeZone);
        var start = from ?? (year.SemesterOf(today) == 2 ? year.Semester2Start : year.Semester1Start);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var zone = SchoolTime.Resolve(school.TimeZone);
        var classes = (await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct)).ToDictionary(c => c.Id);
        var classIds = classes.Keys.ToList();

        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => classIds.Contains(l.ClassId) && l.Date >= start && l.Date <= today)
            .GroupBy(l => new { l.ClassId, l.SubjectId, l.GroupId })
            .Select(g => new { g.Key.ClassId, g.Key.SubjectId, g.Key.GroupId, Count = g.Count(), WithoutTopic = g.Count(l => l.Topic == ""), Last = g.Max(l => l.Date) })
            .ToListAsync(ct);
        var marks = await db.Marks.AsNoTracking()
            .Where(m => classIds.Contains(m.ClassId) && m.Column == MarkColumn.Current && m.Date >= start && m.Date <= today)
            .Select(m => new { m.ClassId, m.SubjectId, m.GroupId, m.Date, m.CreatedAtUtc })
            .ToListAsync(ct);
        var late = marks.Select(m => (m.ClassId, m.SubjectId, m.GroupId, Days: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(m.CreatedAtUtc, zone)).DayNumber - m.Date.DayNumber))
            .Where(m => m.Days > 0)
            .ToLookup(m => (m.ClassId, m.SubjectId, m.GroupId));
        var marked = await db.Marks.AsNoTracking().Where(m => classIds.Contains(m.ClassId) && m.Date >= monday && m.Date <= today)
            .Select(m => m.ClassId).Distinct().ToListAsync(ct);

        var subjectIds = lessons.Select(l => l.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var groups = await db.Groups.AsNoTracking().Where(g => classIds.Contains(g.ClassId)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var pages = lessons.Select(l =>
            {
                var key = (l.ClassId, l.SubjectId, l.GroupId);
                return new PageFillIn(l.ClassId, classes[l.ClassId].Name.ToString(), l.SubjectId, l.GroupId,
                    ClassGroup.PageTitle(subjects[l.SubjectId], l.GroupId is { } g ? groups.GetValueOrDefault(g) : null),
                    l.Count, l.WithoutTopic, late[key].Count(), late[key].Count(m => m.Days > settings.LateMarkDays), l.Last);
            })
            .OrderBy(p => classes[p.ClassId].Name.SortKey, StringComparer.Ordinal).ThenBy(p => p.PageTitle, UkrainianText.Comparer)
            .ToList();
        var silent = classes.Values.Where(c => !marked.Contains(c.Id)).OrderBy(c => c.Name.SortKey, StringComparer.Ordinal).Select(c => c.Name.ToString()).ToList();
        return new FillInReport(start, today, monday, pages, silent);
    }
}
