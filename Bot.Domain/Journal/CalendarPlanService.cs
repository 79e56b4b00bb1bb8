using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Journal;

/// <summary>The next topic a page's plan proposes: the first plan line no recorded lesson of the page has yet taken.</summary>
public sealed record PlannedTopic(int Number, string Topic, string? Section);

/// <summary>A plan line as the plan's page shows it: whether a recorded lesson has taken its topic, and on which day.</summary>
public sealed record PlanLineView(int Number, string Topic, string? Section, DateOnly? HeldOn);

/// <summary>One page's programme (seed 003 I.1 "стан виконання навчальних програм"): lessons planned, held, and plan topics taken.</summary>
public sealed record ProgrammeProgress(Guid ClassId, string ClassName, string ClassSortKey, Guid SubjectId, Guid? GroupId, string PageTitle,
    int Planned, int Held, int FromPlan);

/// <summary>
/// The calendar-thematic plan (docs/decisions/0050-calendar-plan.md): imported whole for a page by its teacher or the
/// administration, all or nothing; it proposes the next lesson's topic, which is written only as a lesson of its day
/// (<see cref="AcceptAsync"/> through <see cref="JournalService.RecordLessonAsync"/>: J-6, J-7, J-9 as for any topic); and
/// it tells the deputy how far each programme has gone.
/// </summary>
public sealed class CalendarPlanService(JournalDbContext db, JournalService journal, TimeProvider clock)
{
    private static readonly DomainError Rights =
        new("auth.plan", "Календарно-тематичний план завантажує вчитель, який веде цей предмет у класі, або заступник директора.");

    /// <summary>Whether <paramref name="actor"/> may import the plan of the page: its teacher, or the administration of its school.</summary>
    public async Task<Result<bool>> MayImportAsync(Actor actor, Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct = default)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return JournalErrors.NotFound("Клас");
        if (!await db.Subjects.AsNoTracking().AnyAsync(s => s.Id == subjectId && s.SchoolId == cls.SchoolId, ct)) return JournalErrors.NotFound("Предмет");
        if (groupId is { } g && !await db.Groups.AsNoTracking().AnyAsync(x => x.Id == g && x.ClassId == classId, ct)) return JournalErrors.NotFound("Групу");
        if (actor.IsSystem) return true;
        if (actor.StaffId is not { } staffId) return actor.Roles.CanCorrectAnyJournal() ? true : Rights;
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, ct);
        if (staff is null || staff.SchoolId != cls.SchoolId) return Rights;
        if (actor.Roles.CanCorrectAnyJournal()) return true;
        if (!actor.Is(StaffRoles.Teacher)) return Rights;
        var assignments = await db.TeachingAssignments.AsNoTracking()
            .Where(a => a.TeacherId == staffId && a.ClassId == classId && a.SubjectId == subjectId).ToListAsync(ct);
        return assignments.Any(a => a.Covers(classId, subjectId, groupId)) ? true : Rights;
    }

    /// <summary>
    /// Replaces the page's plan of its year with <paramref name="draft"/> in one transaction, audited; a draft with any bad
    /// line, or a closed year, writes nothing. Answers the number of lines imported.
    /// </summary>
    public async Task<Result<int>> ImportAsync(Actor actor, Guid classId, Guid subjectId, Guid? groupId, PlanDraft draft, CancellationToken ct = default)
    {
        var may = await MayImportAsync(actor, classId, subjectId, groupId, ct);
        if (!may.IsSuccess) return Result<int>.Fail(may.Error!);
        if (draft.Error is { } error) return new DomainError("plan.unreadable", error);
        if (draft.Problems.Count > 0)
            return new DomainError("plan.bad_rows", "План не завантажено, жодного рядка не записано. " + string.Join(" ", draft.Problems.Select(p => p.Describe())));
        if (draft.Rows.Count == 0) return new DomainError("plan.empty", "У плані немає жодного уроку.");
        return await db.WriteAsync<Result<int>>(async c =>
        {
            var cls = await db.Classes.FirstAsync(x => x.Id == classId, c);
            var year = await db.SchoolYears.FirstAsync(y => y.Id == cls.SchoolYearId, c);
            if (year.IsClosed) return new DomainError("year.closed", $"Навчальний рік {year.Title} закрито: план не змінюється.");
            var subject = await db.Subjects.FirstAsync(s => s.Id == subjectId, c);
            var groupName = groupId is { } g ? await db.Groups.Where(x => x.Id == g).Select(x => x.Name).FirstAsync(c) : null;
            var old = await db.CalendarPlan.Where(l => l.ClassId == classId && l.SubjectId == subjectId && l.GroupId == groupId && l.SchoolYearId == year.Id)
                .ToListAsync(c);
            db.CalendarPlan.RemoveRange(old);
            var lines = draft.Rows.Select(r => new CalendarPlanLine(cls.SchoolId, year.Id, classId, subjectId, groupId, r.Number, r.Topic, r.Section)).ToList();
            db.CalendarPlan.AddRange(lines);
            var title = ClassGroup.PageTitle(subject.Name, groupName);
            db.Audit(new AuditRecord(cls.SchoolId, clock.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, actor.Channel, nameof(CalendarPlanLine),
                lines[0].Id, old.Count == 0 ? AuditAction.Created : AuditAction.Changed,
                old.Count == 0 ? null : $"план: {old.Count} уроків", $"план: {lines.Count} уроків; перший: {lines[0].Topic}", null,
                $"{cls.Name} · {title} · календарно-тематичний план", new AuditPlace(classId, subjectId)));
            await db.SaveChangesAsync(c);
            return lines.Count;
        }, ct);
    }

    /// <summary>The page's plan of the current year, each line with the day of the lesson that took its topic.</summary>
    public async Task<IReadOnlyList<PlanLineView>> LinesAsync(Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct = default)
    {
        var lines = await PlanOfAsync(classId, subjectId, groupId, ct);
        if (lines.Count == 0) return [];
        var held = await HeldTopicsAsync(classId, subjectId, groupId, lines[0].SchoolYearId, ct);
        return [.. lines.Select(l => new PlanLineView(l.Number, l.Topic, l.Section, held.TryGetValue(Key(l.Topic), out var d) ? d : null))];
    }

    /// <summary>The topic the plan proposes for the page's next lesson, or null (no plan, or every line taken).</summary>
    public async Task<PlannedTopic?> NextAsync(Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct = default)
    {
        var lines = await PlanOfAsync(classId, subjectId, groupId, ct);
        if (lines.Count == 0) return null;
        var held = await HeldTopicsAsync(classId, subjectId, groupId, lines[0].SchoolYearId, ct);
        return lines.Where(l => !held.ContainsKey(Key(l.Topic))).Select(l => new PlannedTopic(l.Number, l.Topic, l.Section)).FirstOrDefault();
    }

    /// <summary>
    /// Records plan line <paramref name="number"/> as the topic (and section) of the lesson of <paramref name="date"/> and
    /// <paramref name="slot"/>: a lesson like any other, so J-7 refuses a day not yet come and the teacher's rights are the journal's.
    /// </summary>
    public async Task<Result<Lesson>> AcceptAsync(Actor actor, Guid classId, Guid subjectId, Guid? groupId, DateOnly date, int slot, int number,
        string? reason = null, CancellationToken ct = default)
    {
        var lines = await PlanOfAsync(classId, subjectId, groupId, ct);
        var line = lines.FirstOrDefault(l => l.Number == number);
        if (line is null) return new DomainError("plan.no_line", $"У плані немає уроку № {number}: оновіть сторінку.");
        return await journal.RecordLessonAsync(actor, new LessonInput(classId, subjectId, groupId, date, slot, line.Topic, line.Section, Reason: reason), ct: ct);
    }

    /// <summary>Every page of the school's year that is taught or planned: lessons planned, held to date, and plan topics taken.</summary>
    public async Task<List<ProgrammeProgress>> ProgressAsync(Guid schoolId, Guid yearId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var today = SchoolTime.Today(clock, school.TimeZone);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == yearId && c.SchoolId == schoolId).ToListAsync(ct);
        var classIds = classes.Select(c => c.Id).ToList();
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => classIds.Contains(a.ClassId))
            .Select(a => new { a.ClassId, a.SubjectId, a.GroupId }).ToListAsync(ct);
        var plans = await db.CalendarPlan.AsNoTracking().Where(l => l.SchoolYearId == yearId && l.SchoolId == schoolId)
            .Select(l => new { l.ClassId, l.SubjectId, l.GroupId, l.Topic }).ToListAsync(ct);
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.SchoolYearId == yearId && l.SchoolId == schoolId && l.Date <= today)
            .Select(l => new { l.ClassId, l.SubjectId, l.GroupId, l.Topic }).ToListAsync(ct);
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var groups = await db.Groups.AsNoTracking().Where(g => classIds.Contains(g.ClassId)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var byClass = classes.ToDictionary(c => c.Id);
        var planned = plans.GroupBy(p => (p.ClassId, p.SubjectId, p.GroupId)).ToDictionary(g => g.Key, g => g.Select(p => Key(p.Topic)).ToList());
        var held = lessons.GroupBy(l => (l.ClassId, l.SubjectId, l.GroupId)).ToDictionary(g => g.Key, g => g.Select(l => Key(l.Topic)).ToList());
        return assignments.Select(a => (a.ClassId, a.SubjectId, a.GroupId)).Concat(planned.Keys).Distinct()
            .Where(k => byClass.ContainsKey(k.ClassId) && subjects.ContainsKey(k.SubjectId))
            .Select(k =>
            {
                var plan = planned.GetValueOrDefault(k) ?? [];
                var done = held.GetValueOrDefault(k) ?? [];
                var topics = done.ToHashSet();
                return new ProgrammeProgress(k.ClassId, byClass[k.ClassId].Name.ToString(), byClass[k.ClassId].Name.SortKey, k.SubjectId, k.GroupId,
                    ClassGroup.PageTitle(subjects[k.SubjectId], k.GroupId is { } g && groups.TryGetValue(g, out var n) ? n : null),
                    plan.Count, done.Count, plan.Count(topics.Contains));
            })
            .OrderBy(p => p.ClassSortKey, StringComparer.Ordinal).ThenBy(p => p.PageTitle, UkrainianText.Comparer)
            .ToList();
    }

    private async Task<List<CalendarPlanLine>> PlanOfAsync(Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct)
    {
        // One query (the lesson page asks on every save): the plan of the class's own year.
        return await db.CalendarPlan.AsNoTracking()
            .Where(l => l.ClassId == classId && l.SubjectId == subjectId && l.GroupId == groupId
                && db.Classes.Any(c => c.Id == classId && c.SchoolYearId == l.SchoolYearId))
            .OrderBy(l => l.Number).ToListAsync(ct);
    }

    /// <summary>The topics of the page's recorded lessons of the year (by <see cref="Key"/>) → the first day each was held.</summary>
    private async Task<Dictionary<string, DateOnly>> HeldTopicsAsync(Guid classId, Guid subjectId, Guid? groupId, Guid yearId, CancellationToken ct)
    {
        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => l.ClassId == classId && l.SubjectId == subjectId && l.GroupId == groupId && l.SchoolYearId == yearId && l.Topic != "")
            .Select(l => new { l.Topic, l.Date }).ToListAsync(ct);
        return lessons.GroupBy(l => Key(l.Topic)).ToDictionary(g => g.Key, g => g.Min(l => l.Date));
    }

    /// <summary>A topic as it is compared: spaces and letter case do not matter.</summary>
    private static string Key(string topic) => VisibleText.Normalize(topic).ToLowerInvariant();
}
