using Bot.Domain.Attendance;
using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Identity;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Timetable;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bot.Domain.Persistence;

/// <summary>
/// The journal's storage. Provider-neutral: <see cref="SqliteJournalDbContext"/> and
/// <see cref="PostgresJournalDbContext"/> only carry their own migrations (ADR 0002).
/// Saving seals the audit records added through <see cref="Audit"/> into the school's hash chain in the same
/// transaction as the change itself. The admin panel's accounts live here too (ASP.NET Core Identity's tables,
/// schema version 1, whatever the application's Identity options say: the context is made without them).
/// </summary>
public abstract class JournalDbContext(DbContextOptions options) : IdentityDbContext<AdminUser, IdentityRole<Guid>, Guid>(options)
{
    private readonly List<AuditRecord> _pendingAudit = [];

    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolYear> SchoolYears => Set<SchoolYear>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<BellSlot> BellSlots => Set<BellSlot>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<ClassGroup> Groups => Set<ClassGroup>();
    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Guardian> Guardians => Set<Guardian>();
    public DbSet<GuardianStudent> GuardianStudents => Set<GuardianStudent>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<ConsentText> ConsentTexts => Set<ConsentText>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<TeachingAssignment> TeachingAssignments => Set<TeachingAssignment>();
    public DbSet<TimetableEntry> Timetable => Set<TimetableEntry>();
    public DbSet<DayChange> DayChanges => Set<DayChange>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<Mark> Marks => Set<Mark>();
    public DbSet<ResultGroup> ResultGroups => Set<ResultGroup>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<ExcursionEntry> Excursions => Set<ExcursionEntry>();
    public DbSet<SafetyBriefing> SafetyBriefings => Set<SafetyBriefing>();
    public DbSet<Remark> Remarks => Set<Remark>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AuditChainHead> AuditHeads => Set<AuditChainHead>();
    public DbSet<AuditCheck> AuditChecks => Set<AuditCheck>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<InviteRedemption> InviteRedemptions => Set<InviteRedemption>();
    public DbSet<ChatLink> ChatLinks => Set<ChatLink>();
    public DbSet<LinkAttempt> LinkAttempts => Set<LinkAttempt>();
    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();
    public DbSet<RecipientPreferences> Preferences => Set<RecipientPreferences>();
    public DbSet<NotificationRules> NotificationRules => Set<NotificationRules>();
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<AnnouncementAcknowledgement> AnnouncementAcknowledgements => Set<AnnouncementAcknowledgement>();
    public DbSet<Bot.Domain.Forms.FamilyForm> FamilyForms => Set<Bot.Domain.Forms.FamilyForm>();
    public DbSet<Bot.Domain.Forms.FamilyFormStudent> FamilyFormStudents => Set<Bot.Domain.Forms.FamilyFormStudent>();
    public DbSet<Bot.Domain.Forms.FamilyFormAnswer> FamilyFormAnswers => Set<Bot.Domain.Forms.FamilyFormAnswer>();
    public DbSet<ChatSession> ChatSessions => Set<ChatSession>();
    public DbSet<AbsenceNotice> AbsenceNotices => Set<AbsenceNotice>();
    public DbSet<RosterStamp> RosterStamps => Set<RosterStamp>();
    public DbSet<Archive.ArchivedJournal> ArchivedJournals => Set<Archive.ArchivedJournal>();
    public DbSet<Archive.YearClosing> YearClosings => Set<Archive.YearClosing>();
    public DbSet<Talk.TalkThread> TalkThreads => Set<Talk.TalkThread>();
    public DbSet<Talk.TalkMessage> TalkMessages => Set<Talk.TalkMessage>();

    /// <summary>Adds an audit record; it is chained and stored by the next save, with the change it describes.</summary>
    public void Audit(AuditRecord record)
    {
        AuditRecords.Add(record);
        _pendingAudit.Add(record);
    }

    /// <summary>
    /// Runs a unit of work that ends in one save, retrying it from a clean change tracker when another writer
    /// advanced the same school's audit chain first (optimistic concurrency on the chain head).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(ct);
            }
            catch (DbUpdateException ex) when (attempt < 8 && IsAuditChainConflict(ex))
            {
                ChangeTracker.Clear();
                _pendingAudit.Clear();
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Another writer took the chain's next sequence first: the head's concurrency token did not match, or (on
    /// PostgreSQL, where the insert waits for the other transaction) the unique sequence index or head key refused it.
    /// </summary>
    private static bool IsAuditChainConflict(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException
        || ex.InnerException?.Message is { } m && (m.Contains("IX_AuditRecords_SchoolId_Sequence", StringComparison.Ordinal)
            || m.Contains("AuditRecords.SchoolId, AuditRecords.Sequence", StringComparison.Ordinal)
            || m.Contains("PK_AuditHeads", StringComparison.Ordinal)
            || m.Contains("AuditHeads.SchoolId", StringComparison.Ordinal));

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var gate = Database.CurrentTransaction is null ? WriteGate() : null;
        gate?.Wait();
        try
        {
            var stamped = StampRosterChanges();
            using var chains = LockAuditChains();
            SealAuditRecords();
            var n = base.SaveChanges(acceptAllChangesOnSuccess);
            chains?.Commit();
            _pendingAudit.Clear();
            if (stamped) RosterStampsSaved++;
            return n;
        }
        finally
        {
            gate?.Release();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var gate = Database.CurrentTransaction is null ? WriteGate() : null;
        if (gate is not null) await gate.WaitAsync(cancellationToken);
        try
        {
            var stamped = StampRosterChanges();
            await using var chains = await LockAuditChainsAsync(cancellationToken);
            SealAuditRecords();
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (chains is not null) await chains.CommitAsync(cancellationToken);
            _pendingAudit.Clear();
            if (stamped) RosterStampsSaved++;
            return n;
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>
    /// What a save of this process waits for before it reads the audit chain's head and writes (null: nothing). SQLite
    /// takes one writer at a time anyway; waiting here, in order and without holding a thread, replaces waiting in
    /// SQLite's busy handler (which sleeps a thread for up to 100 ms a try) and losing the chain's head to a writer that
    /// came later (a conflict that retries the whole unit of work). A save inside a transaction the caller opened does not
    /// wait: that caller already holds the database's write lock. ADR 0015.
    /// </summary>
    private protected virtual SemaphoreSlim? WriteGate() => null;

    /// <summary>
    /// Before a save that chains audit records reads the chain's head: wait until no other writer of another connection —
    /// or another process — is between reading that head and committing (null: nothing to wait for here). Returns the
    /// transaction it opened for the save, if it had to open one. PostgreSQL overrides it; SQLite has its
    /// <see cref="WriteGate"/>.
    /// </summary>
    private protected virtual IDbContextTransaction? LockAuditChains() => null;

    /// <inheritdoc cref="LockAuditChains"/>
    private protected virtual Task<IDbContextTransaction?> LockAuditChainsAsync(CancellationToken ct) => Task.FromResult<IDbContextTransaction?>(null);

    /// <summary>The schools whose chains the next save extends.</summary>
    private protected IReadOnlyList<Guid> PendingAuditSchools() =>
        _pendingAudit.Count == 0 ? [] : _pendingAudit.Where(r => Entry(r).State == EntityState.Added).Select(r => r.SchoolId).Distinct().Order().ToList();

    /// <summary>Saves of this context that gave the roster a new stamp: a reader that keeps the stamp read for a request reads it again after one.</summary>
    public int RosterStampsSaved { get; private set; }

    /// <summary>The roster's current stamp (<see cref="RosterStamp"/>), as committed.</summary>
    public Task<Guid> RosterStampAsync(CancellationToken ct = default) =>
        RosterStamps.AsNoTracking().Where(s => s.Id == RosterStamp.RowId).Select(s => s.Value).FirstAsync(ct);

    /// <summary>
    /// A save that adds, changes or deletes a row of <see cref="RosterStamp.Tracked"/> also gives the stamp a new value, in
    /// its own transaction: readers that keep such rows see the change at their next request (ADR 0020).
    /// </summary>
    private bool StampRosterChanges()
    {
        if (!ChangeTracker.HasChanges()) return false;
        var touched = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && RosterStamp.Tracked.Contains(e.Metadata.ClrType));
        if (!touched) return false;
        if (RosterStamps.Local.FirstOrDefault() is { } tracked)
        {
            tracked.Renew();
        }
        else
        {
            // No read needed: the row exists from the first migration on, and the save only sets its value.
            Entry(new RosterStamp(Guid.NewGuid())).State = EntityState.Modified;
        }

        return true;
    }

    private void SealAuditRecords()
    {
        if (_pendingAudit.Count == 0) return;
        // Finding tracked rows needs no DetectChanges (the save runs it anyway); on a context that tracks many rows it costs
        // a full scan each time.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            Seal(_pendingAudit.Where(r => Entry(r).State == EntityState.Added).ToList());
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Seal(List<AuditRecord> pending)
    {
        // Records added without a write unit of their own (roster, invites, settings) form one unit per save.
        var saveBatch = Guid.NewGuid();
        foreach (var bySchool in pending.GroupBy(r => r.SchoolId))
        {
            // A plain local: EF compiles a lambda on every query to read a value through an interface (IGrouping.Key).
            var schoolId = bySchool.Key;
            var head = AuditHeads.Local.FirstOrDefault(h => h.SchoolId == schoolId);
            if (head is not null && Entry(head).State != EntityState.Added) Entry(head).Reload();
            head ??= AuditHeads.FirstOrDefault(h => h.SchoolId == schoolId);
            if (head is null)
            {
                head = new AuditChainHead(schoolId);
                AuditHeads.Add(head);
            }

            foreach (var record in bySchool)
            {
                record.JoinBatch(saveBatch);
                record.Seal(head.LastSequence + 1, head.LastHash);
                head.Advance(record);
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name, readable in the database and stable across reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(64);
        // Instants are UTC everywhere; SQLite gives them back without a kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JournalDbContext).Assembly);
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class SqliteJournalDbContext(DbContextOptions<SqliteJournalDbContext> options) : JournalDbContext(options)
{
    private protected override SemaphoreSlim? WriteGate() => SqliteWriteGate.For(Database.GetConnectionString());
}

public sealed class PostgresJournalDbContext(DbContextOptions<PostgresJournalDbContext> options) : JournalDbContext(options)
{
    /// <summary>The first key of the two-key advisory locks on audit chains (a key space apart from the one-key leases of Bot.Host).</summary>
    private const int AuditChainLockSpace = 3_003;

    /// <summary>
    /// Each extended school's chain is taken with a transaction-level advisory lock, in a fixed order, before its head is
    /// read: writers of every process then chain one after another, as SQLite's write gate makes them, instead of
    /// reading the same head and losing at the unique sequence, which with many writers at once ran out of retries
    /// (ADR 0003). The lock ends with the transaction: the save's own (opened here) or the caller's.
    /// </summary>
    private protected override IDbContextTransaction? LockAuditChains()
    {
        var schools = PendingAuditSchools();
        if (schools.Count == 0) return null;
        var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        foreach (var school in schools) Database.ExecuteSql($"SELECT pg_advisory_xact_lock({AuditChainLockSpace}, {school.GetHashCode()})");
        return own;
    }

    private protected override async Task<IDbContextTransaction?> LockAuditChainsAsync(CancellationToken ct)
    {
        var schools = PendingAuditSchools();
        if (schools.Count == 0) return null;
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        foreach (var school in schools) await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLockSpace}, {school.GetHashCode()})", ct);
        return own;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Sort keys order by their bytes (UkrainianText.SortKey); a database created with a linguistic collation
        // would reorder them, so they compare under "C" whatever the database's default is.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.Name == "SortKey"))
            property.SetCollation("C");
    }
}
