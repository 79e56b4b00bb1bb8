using Bot.Domain.Audit;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Linking;

public sealed partial class InviteService
{
    /// <summary>
    /// Who is talking in a chat: its active links and the people behind them — a guardian's children with their
    /// class and school (across the schools of the installation), the student, the staff member with their teaching
    /// assignments and class-teacher classes of the current year. At most ten queries, however many links,
    /// children or assignments there are.
    /// </summary>
    public async Task<ChatPersona> PersonaOfChatAsync(Channel channel, string chatId, CancellationToken ct = default)
    {
        var links = await LinksOfChatAsync(channel, chatId, ct);
        return await BuildPersonaAsync(channel, chatId, links, ct);
    }

    private async Task<ChatPersona> BuildPersonaAsync(Channel channel, string chatId, IReadOnlyList<ChatLink> links, CancellationToken ct)
    {
        if (links.Count == 0) return ChatPersona.Empty(channel, chatId);
        List<Guid> Ids(PersonKind kind) => links.Where(l => l.Kind == kind).Select(l => l.PersonId).Distinct().ToList();
        var guardianIds = Ids(PersonKind.Guardian);
        var studentIds = Ids(PersonKind.Student);
        var staffIds = Ids(PersonKind.Staff);

        // An installation has a handful of schools: all of them in one query, with their time zones ("today" is local).
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var today = schools.Values.ToDictionary(s => s.Id, s => SchoolTime.Today(clock, s.TimeZone));

        var children = guardianIds.Count == 0 ? [] : await db.GuardianStudents.AsNoTracking()
            .Where(g => guardianIds.Contains(g.GuardianId))
            .Join(db.Students, g => g.StudentId, s => s.Id, (g, s) => new { g.GuardianId, Student = s })
            .ToListAsync(ct);
        var selves = studentIds.Count == 0 ? [] : await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToListAsync(ct);
        var classes = await ClassesOfAsync(children.Select(c => c.Student).Concat(selves).Select(s => s.Id).Distinct().ToList(), today, ct);

        PersonaStudent Student(Student s, Guid? guardianId)
        {
            var k = classes.GetValueOrDefault(s.Id);
            return new PersonaStudent(s.Id, s.FullName, k?.Id, k?.Name.ToString(), s.SchoolId, schools.GetValueOrDefault(s.SchoolId)?.Name ?? "", guardianId) { Sex = s.Sex };
        }

        IReadOnlyList<PersonaStudent> Ordered(IEnumerable<(Student Student, Guid? GuardianId)> list) => list
            .DistinctBy(x => x.Student.Id)
            .OrderBy(x => schools.GetValueOrDefault(x.Student.SchoolId)?.Name ?? "", StringComparer.Ordinal)
            .ThenBy(x => classes.GetValueOrDefault(x.Student.Id)?.Name.SortKey ?? "~", StringComparer.Ordinal)
            .ThenBy(x => x.Student.SortKey, StringComparer.Ordinal)
            .Select(x => Student(x.Student, x.GuardianId)).ToList();

        var staff = await StaffOfAsync(staffIds, schools, today, ct);
        return new ChatPersona(channel, chatId, links,
            Ordered(children.Select(c => (c.Student, (Guid?)c.GuardianId))),
            Ordered(selves.Select(s => (s, (Guid?)null))),
            staff);
    }

    /// <summary>Each student's class today in their school (or the one they join next), in one query.</summary>
    private async Task<Dictionary<Guid, SchoolClass>> ClassesOfAsync(List<Guid> studentIds, Dictionary<Guid, DateOnly> today, CancellationToken ct)
    {
        if (studentIds.Count == 0) return [];
        var earliest = today.Values.Min();
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => studentIds.Contains(e.StudentId) && (e.To == null || e.To >= earliest))
            .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => new { Enrolment = e, Class = k })
            .ToListAsync(ct);
        return rows
            .Select(r => (r.Enrolment, r.Class, Today: today.GetValueOrDefault(r.Class.SchoolId, earliest)))
            .Where(r => r.Enrolment.To is null || r.Enrolment.To >= r.Today)
            .GroupBy(r => r.Enrolment.StudentId)
            // Value tuples: MaxBy of none throws rather than giving null (a child who only joins next, in the summer).
            .ToDictionary(g => g.Key, g =>
                (g.Where(r => r.Enrolment.From <= r.Today).OrderByDescending(r => r.Enrolment.From).Select(r => r.Class).FirstOrDefault()
                 ?? g.MinBy(r => r.Enrolment.From).Class)!);
    }

    /// <summary>Staff members with their assignments and class-teacher classes of their school's current year, and whether they
    /// stood in for a lesson they may still record (J-9), in five queries.</summary>
    private async Task<IReadOnlyList<PersonaStaff>> StaffOfAsync(List<Guid> staffIds, Dictionary<Guid, School> schools, Dictionary<Guid, DateOnly> today,
        CancellationToken ct)
    {
        if (staffIds.Count == 0) return [];
        var people = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToListAsync(ct);
        var schoolIds = people.Select(p => p.SchoolId).Distinct().ToList();
        var years = await db.SchoolYears.AsNoTracking().Where(y => schoolIds.Contains(y.SchoolId)).ToListAsync(ct);
        var currentYears = years.GroupBy(y => y.SchoolId)
            .Select(g => SchoolYears.Current(g, today.GetValueOrDefault(g.Key, DateOnly.FromDateTime(UtcNow)))?.Id)
            .OfType<Guid>().ToList();

        var assignments = await (
                from a in db.TeachingAssignments.AsNoTracking()
                join k in db.Classes on a.ClassId equals k.Id
                join s in db.Subjects on a.SubjectId equals s.Id
                join g in db.Groups on a.GroupId equals (Guid?)g.Id into groups
                from g in groups.DefaultIfEmpty()
                where staffIds.Contains(a.TeacherId) && currentYears.Contains(k.SchoolYearId)
                select new { a.Id, a.TeacherId, ClassId = k.Id, k.Grade, k.Letter, SubjectId = s.Id, SubjectName = s.Name, GroupId = (Guid?)g!.Id, GroupName = g.Name })
            .ToListAsync(ct);
        var classTeacherOf = await db.Classes.AsNoTracking()
            .Where(k => k.ClassTeacherId != null && staffIds.Contains(k.ClassTeacherId.Value) && currentYears.Contains(k.SchoolYearId))
            .ToListAsync(ct);
        // J-9: who stood in for a lesson of the days it may still be recorded marks it, an assignment of their own or not
        // (a deputy, a new hire): that makes them a teacher in the chat.
        var days = people.Select(p => today.GetValueOrDefault(p.SchoolId, DateOnly.FromDateTime(UtcNow))).ToList();
        var (from, to) = (days.Min().AddDays(-Timetable.DayChange.SubstituteMayRecordDays), days.Max());
        var substitutes = (await db.DayChanges.AsNoTracking()
                .Where(c => c.Kind == Timetable.DayChangeKind.Substitution && c.TeacherId != null && staffIds.Contains(c.TeacherId.Value)
                    && c.Date >= from && c.Date <= to)
                .Select(c => c.TeacherId!.Value).Distinct().ToListAsync(ct))
            .ToHashSet();

        return people.OrderBy(p => p.SortKey, StringComparer.Ordinal).Select(p => new PersonaStaff(
                p.Id, p.ShortName, p.FullName, p.Roles, p.SchoolId, schools.GetValueOrDefault(p.SchoolId)?.Name ?? "",
                assignments.Where(a => a.TeacherId == p.Id)
                    .Select(a => (Row: a, Name: new ClassName(a.Grade, a.Letter)))
                    .OrderBy(x => x.Name.SortKey, StringComparer.Ordinal)
                    .ThenBy(x => UkrainianText.SortKey(x.Row.SubjectName), StringComparer.Ordinal)
                    .ThenBy(x => x.Row.GroupName, StringComparer.Ordinal)
                    .Select(x => new PersonaAssignment(x.Row.Id, x.Row.ClassId, x.Name.ToString(), x.Row.SubjectId, x.Row.SubjectName, x.Row.GroupId, x.Row.GroupName))
                    .ToList(),
                classTeacherOf.Where(k => k.ClassTeacherId == p.Id).OrderBy(k => k.Name.SortKey, StringComparer.Ordinal)
                    .Select(k => new PersonaClass(k.Id, k.Name.ToString())).ToList())
            { Substitutes = substitutes.Contains(p.Id) })
            .ToList();
    }
}
