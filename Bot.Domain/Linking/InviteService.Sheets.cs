using Bot.Domain.Journal;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Linking;

public sealed partial class InviteService
{
    /// <summary>
    /// The invite sheet of a class for a parents' meeting or for the students: the class's students who have not left
    /// (those arriving later included) in class-list order (J-4: the list of the start of the year alphabetically, then
    /// later arrivals in order). For parents, one row per student × guardian, a guardian's one code on each of their
    /// children's rows (it links all of them); students without a guardian on record get no row. For students, one
    /// row each. A person's invite that is unused in every messenger, not revoked and valid for at least half the usual
    /// time is reused, so printing the sheet twice gives the same codes and does not multiply live codes.
    /// </summary>
    public async Task<Result<IReadOnlyList<InviteRow>>> CreateForClassAsync(Actor actor, Guid classId, InviteAudience audience, CancellationToken ct = default)
    {
        var sheet = await IssueForClassAsync(actor, classId, audience, reissueLinked: true, ct);
        return sheet.IsSuccess ? Result<IReadOnlyList<InviteRow>>.Ok(sheet.Value!.Rows) : sheet.Error;
    }

    /// <summary>
    /// The invite sheet of a class as <see cref="CreateForClassAsync"/> makes it, except that a person already linked
    /// to a chat (an active link in either messenger) gets no new code unless <paramref name="reissueLinked"/>: they are
    /// named in <see cref="ClassInvites.AlreadyLinked"/> instead, so the panel can say whom it left out.
    /// </summary>
    public Task<Result<ClassInvites>> IssueForClassAsync(Actor actor, Guid classId, InviteAudience audience, bool reissueLinked, CancellationToken ct = default) =>
        db.WriteAsync<Result<ClassInvites>>(async c =>
        {
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == cls.SchoolId, c);
            var isClassTeacher = actor.Is(StaffRoles.ClassTeacher) && cls.ClassTeacherId == actor.StaffId;
            if (!await IsOfSchoolAsync(actor, school.Id, c) || !(IsAdministration(actor) || isClassTeacher)) return LinkingTexts.NoRights;

            var students = await ClassStudentsAsync(classId, SchoolTime.Today(clock, school.TimeZone), c);
            var className = cls.Name.ToString();

            List<InviteRow> rows;
            List<Person> linked;
            if (audience == InviteAudience.Students)
            {
                linked = await LinkedAsync(PersonKind.Student, students, reissueLinked, c);
                var invites = await InvitesForAsync(actor, school, PersonKind.Student, students.Cast<Person>().Except(linked).ToList(), c);
                rows = students.Where(s => invites.ContainsKey(s.Id))
                    .Select(s => Row(className, s.FullName, null, InviteRoles.Student, invites[s.Id])).ToList();
            }
            else
            {
                var ids = students.Select(s => s.Id).ToList();
                var pairs = await db.GuardianStudents.AsNoTracking().Where(l => ids.Contains(l.StudentId))
                    .Join(db.Guardians, l => l.GuardianId, g => g.Id, (l, g) => new { l.StudentId, Guardian = g })
                    .ToListAsync(c);
                var guardians = pairs.Select(p => p.Guardian).DistinctBy(g => g.Id).OrderBy(g => g.SortKey, StringComparer.Ordinal).ToList();
                linked = await LinkedAsync(PersonKind.Guardian, guardians, reissueLinked, c);
                var invites = await InvitesForAsync(actor, school, PersonKind.Guardian, guardians.Cast<Person>().Except(linked).ToList(), c);
                rows = students.SelectMany(s => pairs.Where(p => p.StudentId == s.Id && invites.ContainsKey(p.Guardian.Id)).Select(p => p.Guardian)
                        .OrderBy(g => g.SortKey, StringComparer.Ordinal)
                        .Select(g => Row(className, s.FullName, g.FullName, InviteRoles.Parent, invites[g.Id])))
                    .ToList();
            }

            await db.SaveChangesAsync(c);
            return new ClassInvites(className, school.Name, audience, rows, linked.Select(p => p.FullName).ToList());
        }, ct);

    /// <summary>The class's students who have not left by <paramref name="today"/>, in class-list order (J-4).</summary>
    private async Task<List<Student>> ClassStudentsAsync(Guid classId, DateOnly today, CancellationToken ct)
    {
        var enrolled = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId && (e.To == null || e.To >= today))
            .Join(db.Students, e => e.StudentId, s => s.Id, (e, s) => new { e.ListPosition, Student = s })
            .ToListAsync(ct);
        return enrolled.OrderBy(x => x.ListPosition).ThenBy(x => x.Student.SortKey, StringComparer.Ordinal)
            .Select(x => x.Student).DistinctBy(s => s.Id).ToList();
    }

    /// <summary>Those of <paramref name="people"/> with an active chat link (none when they are to be reissued anyway).</summary>
    private async Task<List<Person>> LinkedAsync(PersonKind kind, IReadOnlyList<Person> people, bool reissueLinked, CancellationToken ct)
    {
        if (reissueLinked || people.Count == 0) return [];
        var ids = people.Select(p => p.Id).ToList();
        var linked = (await db.ChatLinks.AsNoTracking().Where(l => l.Kind == kind && l.IsActive && ids.Contains(l.PersonId))
            .Select(l => l.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
        return people.Where(p => linked.Contains(p.Id)).ToList();
    }

    /// <summary>The staff's invite sheet of a school: one row per staff member alphabetically (name under guardian); reuse as for a class.</summary>
    public Task<Result<IReadOnlyList<InviteRow>>> CreateForStaffAsync(Actor actor, Guid schoolId, CancellationToken ct = default) =>
        db.WriteAsync<Result<IReadOnlyList<InviteRow>>>(async c =>
        {
            var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, c);
            if (school is null) return JournalErrors.NotFound("Школу");
            if (!await IsOfSchoolAsync(actor, school.Id, c) || !IsAdministration(actor)) return LinkingTexts.StaffInvitesRights;

            var staff = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == schoolId).ToListAsync(c))
                .OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
            var invites = await InvitesForAsync(actor, school, PersonKind.Staff, staff, c);
            var rows = staff.Select(s => Row("", null, s.FullName, InviteRoles.Staff, invites[s.Id])).ToList();
            await db.SaveChangesAsync(c);
            return rows;
        }, ct);

    private static InviteRow Row(string className, string? student, string? guardian, string role, Invite invite) =>
        new(className, student, guardian, role, invite.Code, invite.ExpiresAtUtc);

    /// <summary>A usable invite for each person: a reusable one when there is one, else a new one (added, not yet saved).</summary>
    private async Task<Dictionary<Guid, Invite>> InvitesForAsync(Actor actor, School school, PersonKind kind, IReadOnlyList<Person> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Id).ToList();
        var freshUntil = UtcNow + settings.InviteValidity / 2;
        var reusable = await db.Invites.AsNoTracking()
            .Where(i => i.Kind == kind && ids.Contains(i.PersonId) && i.RevokedAtUtc == null && i.ExpiresAtUtc > freshUntil
                && !db.InviteRedemptions.Any(r => r.InviteId == i.Id))
            .ToListAsync(ct);
        var invites = reusable.GroupBy(i => i.PersonId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.ExpiresAtUtc)!);
        foreach (var person in people.Where(p => !invites.ContainsKey(p.Id)))
            invites[person.Id] = Mint(actor, school, kind, person, settings.InviteValidity);
        return invites;
    }
}
