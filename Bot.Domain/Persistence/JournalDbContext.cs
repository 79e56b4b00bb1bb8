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

namespace Bot.Domain.Persistence;

/// <summary>
/// The journal's storage. Provider-neutral: <see cref="SqliteJournalDbContext"/> and
/// <see cref="PostgresJournalDbContext"/> only carry their own migrations (ADR 0002).
/// The audit records added through <see cref="Audit"/> are stored with the change, in its transaction, unsealed: the
/// sealer (<see cref="AuditSealing"/>) chains them after commit (ADR 0037). The admin panel's accounts live here too (ASP.NET Core Identity's tables,
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
    public DbSet<CalendarPlanLine> CalendarPlan => Set<CalendarPlanLine>();
    public DbSet<Mark> Marks => Set<Mark>();
    public DbSet<ResultGroup> ResultGroups => Set<ResultGroup>();
    public DbSet<EducationalField> EducationalFields => Set<EducationalField>();
    public DbSet<EducationalFieldSubject> EducationalFieldSubjects => Set<EducationalFieldSubject>();
    public DbSet<LearningOutcome> LearningOutcomes => Set<LearningOutcome>();
    public DbSet<OutcomeResult> OutcomeResults => Set<OutcomeResult>();
    public DbSet<CertificateDescription> CertificateDescriptions => Set<CertificateDescription>();
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
    public DbSet<Talk.ClassTeacherStandIn> ClassTeacherStandIns => Set<Talk.ClassTeacherStandIn>();

    /// <summary>
    /// Called after a save that stored audit records (the sealer's in-process signal; null: nothing to tell). The host
    /// sets it on the contexts it makes.
    /// </summary>
    public Action? AuditSaved { get; set; }

    /// <summary>Adds an audit record; it is stored by the next save, with the change it describes, and sealed after commit.</summary>
    public void Audit(AuditRecord record)
    {
        AuditRecords.Add(record);
        _pendingAudit.Add(record);
    }

    /// <summary>
    /// Runs a unit of work that ends in one save, retrying it from a clean change tracker when the save lost a race on the
    /// audit chain. Writers no longer touch the chain (the sealer does, ADR 0037): kept as a safety net.
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
            var audited = JoinSaveBatch();
            var n = base.SaveChanges(acceptAllChangesOnSuccess);
            _pendingAudit.Clear();
            if (stamped) RosterStampsSaved++;
            if (audited) AuditSaved?.Invoke();
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
            var audited = JoinSaveBatch();
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            _pendingAudit.Clear();
            if (stamped) RosterStampsSaved++;
            if (audited) AuditSaved?.Invoke();
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

    /// <summary>The gate of <see cref="WriteGate"/>, for the sealer's own write transactions (null: none).</summary>
    internal SemaphoreSlim? SaveGate => WriteGate();

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

    /// <summary>
    /// Records added without a write unit of their own (roster, invites, settings) form one unit per save (ADR 0029).
    /// Returns whether the save stores audit records.
    /// </summary>
    private bool JoinSaveBatch()
    {
        if (_pendingAudit.Count == 0) return false;
        // Finding tracked rows needs no DetectChanges (the save runs it anyway); on a context that tracks many rows it costs
        // a full scan each time.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var saveBatch = Guid.NewGuid();
            var any = false;
            foreach (var record in _pendingAudit)
            {
                if (Entry(record).State != EntityState.Added) continue;
                record.JoinBatch(saveBatch);
                any = true;
            }

            return any;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
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
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Sort keys order by their bytes (UkrainianText.SortKey); a database created with a linguistic collation
        // would reorder them, so they compare under "C" whatever the database's default is.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.Name == "SortKey"))
            property.SetCollation("C");
        // An unsealed record's hashes are empty (ADR 0037); `character(64)` would pad them to 64 spaces.
        var audit = modelBuilder.Entity<AuditRecord>();
        foreach (var hash in new[] { audit.Property(r => r.PreviousHash), audit.Property(r => r.Hash) })
            hash.Metadata.RemoveAnnotation(Microsoft.EntityFrameworkCore.Metadata.RelationalAnnotationNames.IsFixedLength);
    }
}
