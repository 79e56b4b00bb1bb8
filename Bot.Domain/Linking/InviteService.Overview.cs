using Bot.Domain.Audit;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Linking;

/// <summary>A chat linked to a person: which messenger, since when, when it last wrote, and whether (and why) it was closed.</summary>
public sealed record LinkedChat(Channel Channel, DateTime LinkedAtUtc, DateTime? LastSeenAtUtc, bool IsActive, DateTime? ClosedAtUtc, string? ClosedReason);

/// <summary>An invite of a person with where it was spent.</summary>
public sealed record PersonInvite(Guid Id, string Code, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc, IReadOnlyList<Channel> SpentIn)
{
    /// <summary>Still links a chat in some messenger: not revoked, not expired, not spent in both.</summary>
    public bool IsLive(DateTime nowUtc) => RevokedAtUtc is null && nowUtc < ExpiresAtUtc && SpentIn.Count < 2;
}

/// <summary>A person of an invite sheet with their children (for a guardian), chats and invites.</summary>
public sealed record PersonLinks(PersonKind Kind, Guid PersonId, string Name, IReadOnlyList<string> Children, IReadOnlyList<LinkedChat> Chats, IReadOnlyList<PersonInvite> Invites)
{
    public bool IsLinked => Chats.Any(c => c.IsActive);
}

public sealed partial class InviteService
{
    /// <summary>
    /// Who of a class is linked (the guardians of its current students, or the students), on which messenger, since when
    /// and last seen, with their invites — in class-list order (guardians in the order of their first child). Five queries.
    /// </summary>
    public async Task<IReadOnlyList<PersonLinks>> LinksOfClassAsync(Guid classId, InviteAudience audience, CancellationToken ct = default)
    {
        var cls = await db.Classes.AsNoTracking().FirstAsync(k => k.Id == classId, ct);
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == cls.SchoolId, ct);
        var students = await ClassStudentsAsync(classId, SchoolTime.Today(clock, school.TimeZone), ct);
        if (audience == InviteAudience.Students)
            return await LinksOfAsync(PersonKind.Student, students.Select(s => ((Person)s, (IReadOnlyList<string>)[])).ToList(), ct);

        var ids = students.Select(s => s.Id).ToList();
        var pairs = await db.GuardianStudents.AsNoTracking().Where(l => ids.Contains(l.StudentId))
            .Join(db.Guardians, l => l.GuardianId, g => g.Id, (l, g) => new { l.StudentId, Guardian = g })
            .ToListAsync(ct);
        var order = students.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = students.ToDictionary(s => s.Id, s => s.FullName);
        var guardians = pairs.GroupBy(p => p.Guardian.Id)
            .Select(g => (Guardian: g.First().Guardian, Children: g.Select(p => p.StudentId).OrderBy(id => order[id]).ToList()))
            .OrderBy(g => order[g.Children[0]]).ThenBy(g => g.Guardian.SortKey, StringComparer.Ordinal)
            .Select(g => ((Person)g.Guardian, (IReadOnlyList<string>)g.Children.Select(id => names[id]).ToList()))
            .ToList();
        return await LinksOfAsync(PersonKind.Guardian, guardians, ct);
    }

    /// <summary>The staff of a school with their chats and invites, alphabetically (those who left last).</summary>
    public async Task<IReadOnlyList<PersonLinks>> LinksOfStaffAsync(Guid schoolId, CancellationToken ct = default)
    {
        var staff = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == schoolId).ToListAsync(ct))
            .OrderBy(s => s.IsActive ? 0 : 1).ThenBy(s => s.SortKey, StringComparer.Ordinal);
        return await LinksOfAsync(PersonKind.Staff, staff.Select(s => ((Person)s, (IReadOnlyList<string>)[])).ToList(), ct);
    }

    private async Task<IReadOnlyList<PersonLinks>> LinksOfAsync(PersonKind kind, IReadOnlyList<(Person Person, IReadOnlyList<string> Children)> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Person.Id).ToList();
        var links = await db.ChatLinks.AsNoTracking().Where(l => l.Kind == kind && ids.Contains(l.PersonId)).ToListAsync(ct);
        var invites = await db.Invites.AsNoTracking().Where(i => i.Kind == kind && ids.Contains(i.PersonId)).ToListAsync(ct);
        var inviteIds = invites.Select(i => i.Id).ToList();
        var spent = (await db.InviteRedemptions.AsNoTracking().Where(r => inviteIds.Contains(r.InviteId)).ToListAsync(ct))
            .ToLookup(r => r.InviteId, r => r.Channel);
        return people.Select(p => new PersonLinks(kind, p.Person.Id, p.Person.FullName, p.Children,
                links.Where(l => l.PersonId == p.Person.Id).OrderByDescending(l => l.IsActive).ThenBy(l => l.LinkedAtUtc)
                    .Select(l => new LinkedChat(l.Channel, l.LinkedAtUtc, l.LastSeenAtUtc, l.IsActive, l.DeactivatedAtUtc, l.DeactivationReason)).ToList(),
                invites.Where(i => i.PersonId == p.Person.Id).OrderByDescending(i => i.CreatedAtUtc)
                    .Select(i => new PersonInvite(i.Id, i.Code, i.CreatedAtUtc, i.ExpiresAtUtc, i.RevokedAtUtc, spent[i.Id].Order().ToList())).ToList()))
            .ToList();
    }
}
