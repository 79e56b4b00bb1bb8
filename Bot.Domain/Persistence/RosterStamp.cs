using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Domain.Schools;

namespace Bot.Domain.Persistence;

/// <summary>
/// One row whose <see cref="Value"/> changes, in the same transaction, with every change to who may see or do what:
/// schools and their years, classes, groups, students, enrolments, guardians' children, staff, subjects, teaching
/// assignments, bell times, chat links and day changes (a substitute's lessons). <see cref="JournalDbContext"/> sets a new value in any save that adds, changes
/// or deletes one of <see cref="Tracked"/>, so no write path has to remember it. A reader that keeps such rows between
/// requests (the conversation's persona and roster, ADR 0020) reads the stamp first and drops what it kept when the
/// stamp moved: a teacher whose assignment was revoked, or a parent unlinked from a child, is seen as such by the next
/// request, in every process of the installation.
/// </summary>
public sealed class RosterStamp
{
    /// <summary>The key of the one row (seeded by the migration).</summary>
    public const int RowId = 1;

    /// <summary>The value the migration seeds; any later save of a tracked row replaces it.</summary>
    public static readonly Guid Initial = new("6d1f4c2e-0b7a-4e58-9a43-2f8e5c1b7d90");

    private RosterStamp() { }

    internal RosterStamp(Guid value)
    {
        Id = RowId;
        Value = value;
    }

    public int Id { get; private set; }

    public Guid Value { get; private set; }

    internal void Renew() => Value = Guid.NewGuid();

    /// <summary>
    /// The entity types whose rows the cached reads are made of. A write to them outside a tracked save (raw SQL,
    /// <c>ExecuteUpdate</c>) must save a new stamp in its transaction too.
    /// </summary>
    public static readonly IReadOnlySet<Type> Tracked = new HashSet<Type>
    {
        typeof(School), typeof(SchoolYear), typeof(Holiday), typeof(BellSlot), typeof(SchoolClass), typeof(ClassGroup),
        typeof(GroupMembership), typeof(Student), typeof(Enrolment), typeof(Guardian), typeof(GuardianStudent), typeof(Staff),
        typeof(Subject), typeof(TeachingAssignment), typeof(ChatLink),
        // J-9: a substitution gives its teacher that lesson's page in their roster.
        typeof(Timetable.DayChange),
    };
}
