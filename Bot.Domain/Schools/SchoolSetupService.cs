using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Schools;

/// <summary>
/// The school year as the administration sets it up: the semesters' dates, holidays inside the year without overlaps,
/// bell times in order. Every change is audited; a refusal is a Ukrainian message and changes nothing.
/// </summary>
public sealed class SchoolSetupService(JournalDbContext db, TimeProvider clock)
{
    public static readonly DomainError SetupRights =
        new("auth.setup", "Навчальний рік, предмети й розклад налаштовує адміністрація школи (директор або заступник).");

    public static bool MaySetUp(Actor actor) => actor.IsSystem || actor.Roles.CanCorrectAnyJournal();

    public Task<Result<SchoolYear>> ChangeDatesAsync(Actor actor, Guid yearId, DateOnly semester1Start, DateOnly semester1End, DateOnly semester2Start,
        DateOnly semester2End, CancellationToken ct = default) =>
        WithYearAsync(actor, yearId, year =>
        {
            var before = Describe(year);
            var changed = year.ChangeDates(semester1Start, semester1End, semester2Start, semester2End);
            return changed.IsSuccess ? (AuditAction.Changed, before, Describe(year), "дати семестрів") : changed.Error;
        }, ct);

    /// <summary>
    /// N-12: the teachers' council's martial-law decision for the year — its date, number and the grades whose semester and
    /// annual marks may be "зараховано / не зараховано"; no grades removes it. Audited; refused in Ukrainian.
    /// </summary>
    public Task<Result<SchoolYear>> SetCreditDecisionAsync(Actor actor, Guid yearId, DateOnly? date, string? number, IReadOnlyCollection<int> grades,
        CancellationToken ct = default) =>
        WithYearAsync(actor, yearId, year =>
        {
            var before = year.CreditDecisionSummary;
            var set = year.SetCreditDecision(date, number, grades);
            return set.IsSuccess
                ? (AuditAction.Changed, before, year.CreditDecisionSummary, "семестрові й річні оцінки «зараховано / не зараховано» (воєнний стан)")
                : set.Error;
        }, ct);

    public Task<Result<SchoolYear>> AddHolidayAsync(Actor actor, Guid yearId, string? title, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        WithYearAsync(actor, yearId, year =>
        {
            var added = year.TryAddHoliday(title, from, to);
            if (!added.IsSuccess) return added.Error;
            db.Holidays.Add(added.Value!);
            return (AuditAction.Created, null, $"{added.Value!.Title}: {from:dd.MM.yyyy}–{to:dd.MM.yyyy}", "канікули");
        }, ct);

    public Task<Result<SchoolYear>> RemoveHolidayAsync(Actor actor, Guid yearId, Guid holidayId, CancellationToken ct = default) =>
        WithYearAsync(actor, yearId, year =>
        {
            var holiday = year.Holidays.FirstOrDefault(h => h.Id == holidayId);
            if (holiday is null) return JournalErrors.NotFound("Канікули");
            year.RemoveHoliday(holidayId);
            db.Holidays.Remove(holiday);
            return (AuditAction.Deleted, $"{holiday.Title}: {holiday.From:dd.MM.yyyy}–{holiday.To:dd.MM.yyyy}", null, "канікули");
        }, ct);

    /// <summary>The school's bell times, all at once: numbers not listed are removed.</summary>
    public Task<Result<IReadOnlyList<BellSlot>>> SetBellsAsync(Actor actor, Guid schoolId, IReadOnlyList<(int Number, TimeOnly Starts, TimeOnly Ends)> bells,
        CancellationToken ct = default) =>
        db.WriteAsync<Result<IReadOnlyList<BellSlot>>>(async c =>
        {
            if (!MaySetUp(actor)) return SetupRights;
            if (BellSlot.Check(bells) is { } bad) return bad.Error;
            var stored = await db.BellSlots.Where(b => b.SchoolId == schoolId).ToListAsync(c);
            var before = Describe(stored);
            foreach (var old in stored.Where(s => bells.All(b => b.Number != s.Number))) db.BellSlots.Remove(old);
            foreach (var b in bells)
            {
                if (stored.FirstOrDefault(s => s.Number == b.Number) is { } slot) slot.SetTimes(b.Starts, b.Ends);
                else db.BellSlots.Add(new BellSlot(schoolId, b.Number, b.Starts, b.Ends));
            }

            var after = Describe(bells.Select(b => new BellSlot(schoolId, b.Number, b.Starts, b.Ends)));
            if (before != after)
                db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, nameof(BellSlot), schoolId, AuditAction.Changed, before, after, "розклад дзвінків");
            await db.SaveChangesAsync(c);
            return (await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == schoolId).OrderBy(b => b.Number).ToListAsync(c)).ToList();
        }, ct);

    /// <summary>
    /// How many last days of a semester open its period marks (ADR 0033): 1–60; audited. Refused (with a Ukrainian message) out
    /// of range or without the rights.
    /// </summary>
    public Task<Result<int>> SetPeriodMarkDaysAsync(Actor actor, Guid schoolId, int days, CancellationToken ct = default) =>
        db.WriteAsync<Result<int>>(async c =>
        {
            if (!MaySetUp(actor)) return SetupRights;
            var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, c);
            if (school is null) return JournalErrors.NotFound("Школу");
            var before = school.PeriodMarkDays;
            var set = school.SetPeriodMarkDays(days);
            if (!set.IsSuccess) return set.Error;
            if (before == days) return days;
            db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, nameof(School), schoolId, AuditAction.Changed,
                $"{before} дн.", $"{days} дн.", "семестрові й річні оцінки: за скільки днів до кінця семестру їх можна виставляти");
            await db.SaveChangesAsync(c);
            return days;
        }, ct);

    private Task<Result<SchoolYear>> WithYearAsync(Actor actor, Guid yearId,
        Func<SchoolYear, Result<(AuditAction Action, string? Before, string? After, string What)>> change, CancellationToken ct) =>
        db.WriteAsync<Result<SchoolYear>>(async c =>
        {
            if (!MaySetUp(actor)) return SetupRights;
            var year = await db.SchoolYears.FirstOrDefaultAsync(y => y.Id == yearId, c);
            if (year is null) return JournalErrors.NotFound("Навчальний рік");
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            var done = change(year);
            if (!done.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return done.Error;
            }

            var (action, before, after, what) = done.Value;
            db.Audit(actor, year.SchoolId, clock.GetUtcNow().UtcDateTime, nameof(SchoolYear), year.Id, action, before, after, $"{year.Title} · {what}");
            await db.SaveChangesAsync(c);
            return year;
        }, ct);

    private static string Describe(SchoolYear y) =>
        $"І семестр {y.Semester1Start:dd.MM.yyyy}–{y.Semester1End:dd.MM.yyyy}; ІІ семестр {y.Semester2Start:dd.MM.yyyy}–{y.Semester2End:dd.MM.yyyy}";

    private static string Describe(IEnumerable<BellSlot> bells) =>
        string.Join("; ", bells.OrderBy(b => b.Number).Select(b => $"{b.Number}: {b.Starts:HH\\:mm}–{b.Ends:HH\\:mm}"));
}
