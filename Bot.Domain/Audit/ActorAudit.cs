using Bot.Domain.Journal;
using Bot.Domain.Persistence;

namespace Bot.Domain.Audit;

/// <summary>An audit record of a change the actor made outside a journal page (the school's setup, the timetable).</summary>
internal static class ActorAudit
{
    public static void Audit(this JournalDbContext db, Actor actor, Guid schoolId, DateTime utcNow, string entityType, Guid entityId, AuditAction action,
        string? before, string? after, string context) =>
        db.Audit(new AuditRecord(schoolId, utcNow, actor.StaffId, actor.Name, actor.Channel, entityType, entityId, action, before, after, null, context));
}
