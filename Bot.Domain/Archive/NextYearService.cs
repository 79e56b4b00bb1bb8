using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Archive;

/// <summary>What opening the next year did, for the administrator's notice.</summary>
public sealed record NextYearOpened(SchoolYear Year, int Classes, int Students, int Graduates, int Assignments, int TimetableEntries, int LinksClosed);

/// <summary>
/// Opening the next school year after the previous one was closed and archived (J-14): a new year with dates
/// proposed from the previous one (1 September; the semesters' ends a year on — editable on the year's page), every class
/// a grade up (7-А → 8-А: a new class row of the new year, with its class teacher, groups, teaching assignments and weekly
/// timetable carried over for editing), the students who were in a class at the year's end enrolled in the new class
/// from 1 September (J-4: alphabetical, position 0), the 11th grades graduated (their enrolments end with the year, the
/// students stay for the archive) and the chat links of graduates — and of guardians with no other child going on —
/// closed. Guardians' links need nothing: they follow the children. All in one transaction; the roster stamp moves
/// with it (ADR 0020). New 1st grades and arrivals come in through the roster import.
/// </summary>
public sealed class NextYearService(JournalDbContext db, TimeProvider clock)
{
    /// <summary>The last grade: its students graduate (grades 1–11).</summary>
    public const int LastGrade = 11;

    public const string GraduatedReason = "graduated";

    public static readonly DomainError Rights =
        new("next_year.rights", "Відкрити новий навчальний рік може лише адміністратор школи (директор).");

    public static DomainError NotClosed(SchoolYear year) => new("next_year.not_closed",
        $"Спершу закрийте й заархівуйте {year.Title} навчальний рік: новий рік відкривається після архівації попереднього.");

    public static DomainError AlreadyOpened(string title) => new("next_year.exists",
        $"Наступний навчальний рік ({title}) уже створено.");

    /// <summary>1 September of the year the previous one ended in; the semesters end and start a year after the previous ones.</summary>
    public static (DateOnly Semester1Start, DateOnly Semester1End, DateOnly Semester2Start, DateOnly Semester2End) ProposedDates(SchoolYear previous) =>
        (new DateOnly(previous.EndsOn.Year, 9, 1), previous.Semester1End.AddYears(1), previous.Semester2Start.AddYears(1), previous.Semester2End.AddYears(1));

    public Task<Result<NextYearOpened>> OpenAsync(Actor actor, Guid previousYearId, CancellationToken ct = default) =>
        db.WriteAsync<Result<NextYearOpened>>(async c =>
        {
            if (!YearArchiveService.MayClose(actor)) return Rights;
            var previous = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == previousYearId, c);
            if (previous is null) return JournalErrors.NotFound("Навчальний рік");
            if (!previous.IsClosed) return NotClosed(previous);
            var later = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == previous.SchoolId && y.Semester1Start > previous.EndsOn)
                .OrderBy(y => y.Semester1Start).FirstOrDefaultAsync(c);
            if (later is not null) return AlreadyOpened(later.Title);

            var (s1, e1, s2, e2) = ProposedDates(previous);
            var year = new SchoolYear(previous.SchoolId, s1, e1, s2, e2);
            db.SchoolYears.Add(year);
            var now = clock.GetUtcNow().UtcDateTime;
            var carried = await CarryOverAsync(previous, year, now, c);
            // N-5: the subjects' groups of learning outcomes go on as the school left them.
            await new ResultGroupService(db, clock).CarryOverAsync(actor, year.SchoolId, year, previous.Id, c);
            // N-20: and the primary grades' educational fields with their expected outcomes.
            await new LearningOutcomeService(db, clock).CarryOverAsync(actor, year.SchoolId, year, previous.Id, c);

            db.Audit(actor, year.SchoolId, now, nameof(SchoolYear), year.Id, AuditAction.Created, null,
                $"{year.Title}: класів {carried.Classes}, учнів {carried.Students}, випускників {carried.Graduates}",
                $"{year.Title} навчальний рік · відкрито після {previous.Title}");
            await db.SaveChangesAsync(c);
            return carried with { Year = year };
        }, ct);

    private async Task<NextYearOpened> CarryOverAsync(SchoolYear previous, SchoolYear year, DateTime now, CancellationToken c)
    {
        var schoolId = previous.SchoolId;
        var classes = await db.Classes.Where(k => k.SchoolYearId == previous.Id).ToListAsync(c);
        var classIds = classes.Select(k => k.Id).ToList();
        var staying = await db.Enrolments.Where(e => classIds.Contains(e.ClassId) && e.From <= previous.EndsOn && (e.To == null || e.To >= previous.EndsOn))
            .ToListAsync(c);
        var groups = await db.Groups.AsNoTracking().Where(g => classIds.Contains(g.ClassId)).ToListAsync(c);
        var active = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == schoolId && s.DeactivatedOn == null).Select(s => s.Id).ToListAsync(c)).ToHashSet();
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => classIds.Contains(a.ClassId)).ToListAsync(c);
        var timetable = await db.Timetable.AsNoTracking()
            .Where(t => classIds.Contains(t.ClassId) && (t.ValidTo == null || t.ValidTo >= previous.EndsOn)).ToListAsync(c);

        var next = new Dictionary<Guid, SchoolClass>();
        foreach (var cls in classes.Where(k => k.Grade < LastGrade))
        {
            // N-1: a class stays НУШ as it moves up through grade 9, and every new 5th grade is НУШ.
            var moved = new SchoolClass(schoolId, year.Id, new ClassName(cls.Grade + 1, cls.Letter), cls.Grade + 1 is >= 5 and <= 9 && (cls.IsNus || cls.Grade + 1 == 5));
            if (cls.ClassTeacherId is { } teacher && active.Contains(teacher)) moved.AssignClassTeacher(teacher);
            db.Classes.Add(moved);
            next[cls.Id] = moved;
        }

        // The students in a class at the year's end go on into its next grade from 1 September; the 11th grades graduate.
        var continuing = new HashSet<Guid>();
        var graduates = new HashSet<Guid>();
        foreach (var e in staying)
        {
            if (e.To is null) e.Leave(previous.EndsOn);
            if (next.TryGetValue(e.ClassId, out var moved))
            {
                db.Enrolments.Add(new Enrolment(schoolId, e.StudentId, moved.Id, year.Semester1Start, 0, arrivedMidYear: false));
                continuing.Add(e.StudentId);
            }
            else
            {
                graduates.Add(e.StudentId);
            }
        }

        var groupMap = new Dictionary<Guid, Guid>();
        foreach (var g in groups.Where(g => next.ContainsKey(g.ClassId)))
        {
            var copy = new ClassGroup(schoolId, next[g.ClassId].Id, g.SubjectId, g.Number);
            // Who is in the group at the year's end goes on in it; a stay that ended during the year stays behind.
            foreach (var id in g.CurrentMembers.Where(continuing.Contains)) copy.Add(id);
            db.Groups.Add(copy);
            groupMap[g.Id] = copy.Id;
        }

        Guid? GroupOf(Guid? id) => id is { } g ? groupMap[g] : null;
        var assigned = 0;
        foreach (var a in assignments.Where(a => next.ContainsKey(a.ClassId) && active.Contains(a.TeacherId)))
        {
            db.TeachingAssignments.Add(new TeachingAssignment(schoolId, a.TeacherId, next[a.ClassId].Id, a.SubjectId, GroupOf(a.GroupId)));
            assigned++;
        }

        var entries = 0;
        foreach (var t in timetable.Where(t => next.ContainsKey(t.ClassId)))
        {
            db.Timetable.Add(new TimetableEntry(schoolId, next[t.ClassId].Id, t.SubjectId, t.Day, t.LessonNumber,
                t.TeacherId is { } teacher && active.Contains(teacher) ? teacher : null, GroupOf(t.GroupId)));
            entries++;
        }

        var closed = await CloseGraduatesLinksAsync(graduates, continuing, now, c);
        return new NextYearOpened(year, next.Count, continuing.Count, graduates.Count, assigned, entries, closed);
    }

    /// <summary>
    /// Graduates' own chat links end; a guardian's end when none of their children goes on at the school (a guardian with
    /// a younger child keeps theirs, and their diary shows that child only).
    /// </summary>
    private async Task<int> CloseGraduatesLinksAsync(HashSet<Guid> graduates, HashSet<Guid> continuing, DateTime now, CancellationToken c)
    {
        if (graduates.Count == 0) return 0;
        var graduateList = graduates.ToList();
        var guardians = await db.GuardianStudents.AsNoTracking().Where(g => graduateList.Contains(g.StudentId)).Select(g => g.GuardianId).Distinct().ToListAsync(c);
        var children = await db.GuardianStudents.AsNoTracking().Where(g => guardians.Contains(g.GuardianId)).ToListAsync(c);
        var leaving = guardians.Where(g => !children.Any(x => x.GuardianId == g && continuing.Contains(x.StudentId))).ToList();
        var links = await db.ChatLinks.Where(l => l.IsActive
                && ((l.Kind == PersonKind.Student && graduateList.Contains(l.PersonId)) || (l.Kind == PersonKind.Guardian && leaving.Contains(l.PersonId))))
            .ToListAsync(c);
        foreach (var link in links) link.Deactivate(GraduatedReason, now);
        return links.Count;
    }
}
