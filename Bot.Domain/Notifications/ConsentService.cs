using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Notifications;

/// <summary>
/// A guardian's consent asked in the chat (seed 002, 3.2; ADR 0035): the school's consent text (versioned, set on the
/// panel), the guardian's answer recorded like a consent the class teacher records (a <see cref="Consent"/> row, audited,
/// with the messenger and the text's version), and its withdrawal from /settings. Also reads what the outbox knows of a
/// person (<see cref="FactsAsync"/>), so the bot's promises are computed from the same facts as the outbox's decisions.
/// </summary>
public sealed class ConsentService(JournalDbContext db, NotificationRulesService rules, TimeProvider clock)
{
    /// <summary>The text asked while a school has not set its own (version 0).</summary>
    public const string StandardText =
        "Згода на обробку персональних даних.\n" +
        "Я даю згоду школі обробляти мої персональні дані та дані моєї дитини (прізвище, імʼя, клас, оцінки, відвідування, " +
        "домашні завдання, контакт у месенджері), щоб вести електронний журнал і щоденник та надсилати мені щоденник і сповіщення " +
        "в цьому чаті. Згоду можна будь-коли відкликати в налаштуваннях бота (/settings); тоді школа нічого більше не надсилатиме.";

    public const string Agree = "Погоджуюсь";
    public const string Refuse = "Не погоджуюсь";

    /// <summary>The school's current consent text and its version (0 and <see cref="StandardText"/> until it sets one).</summary>
    public async Task<(int Version, string Text)> CurrentTextAsync(Guid schoolId, CancellationToken ct = default)
    {
        var last = await db.ConsentTexts.AsNoTracking().Where(t => t.SchoolId == schoolId).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        return last is null ? (0, StandardText) : (last.Version, last.Text);
    }

    public async Task<List<ConsentText>> VersionsAsync(Guid schoolId, CancellationToken ct = default) =>
        await db.ConsentTexts.AsNoTracking().Where(t => t.SchoolId == schoolId).OrderByDescending(t => t.Version).ToListAsync(ct);

    /// <summary>An administrator's edit: a new version (the same text again adds none). Consents given to earlier versions stay in force.</summary>
    public async Task<Result<ConsentText>> SaveTextAsync(Actor actor, Guid schoolId, string? text, CancellationToken ct = default)
    {
        if (!actor.Is(StaffRoles.Administrator)) return new DomainError("consent.forbidden", "Текст згоди змінює адміністратор або директор школи.");
        text = text?.Replace("\r\n", "\n").Trim() ?? "";
        if (Text.VisibleText.IsBlank(text)) return new DomainError("consent.text", "Текст згоди не може бути порожнім.");
        if (text.Length > ConsentText.MaxLength) return new DomainError("consent.text", $"Текст згоди задовгий: до {ConsentText.MaxLength} символів (його показують у чаті одним повідомленням).");
        return await db.WriteAsync<Result<ConsentText>>(async c =>
        {
            var last = await db.ConsentTexts.Where(t => t.SchoolId == schoolId).OrderByDescending(t => t.Version).FirstOrDefaultAsync(c);
            if (last is not null && last.Text == text) return last;
            var now = clock.GetUtcNow().UtcDateTime;
            var version = new ConsentText(schoolId, (last?.Version ?? 0) + 1, text, actor.StaffId, now);
            db.ConsentTexts.Add(version);
            db.Audit(actor, schoolId, now, nameof(ConsentText), version.Id, AuditAction.Created, last is null ? null : $"версія {last.Version}",
                $"версія {version.Version}", "Текст згоди на обробку персональних даних");
            await db.SaveChangesAsync(c);
            return version;
        }, ct);
    }

    /// <summary>Whether the guardian has a consent in force today (their school's day).</summary>
    public async Task<bool> InForceAsync(Guid schoolId, Guid guardianId, CancellationToken ct = default)
    {
        var today = await TodayAsync(schoolId, ct);
        return (await db.Consents.AsNoTracking().Where(c => c.GuardianId == guardianId).ToListAsync(ct)).Any(c => c.IsInForce(today));
    }

    /// <summary>"Погоджуюсь" in the chat: a consent from today, to the text of <paramref name="version"/>; nothing new when one is in force.</summary>
    public Task<Result<Consent>> AgreeAsync(Guid guardianId, Channel channel, int version, CancellationToken ct = default) =>
        db.WriteAsync<Result<Consent>>(async c =>
        {
            var guardian = await db.Guardians.FirstOrDefaultAsync(g => g.Id == guardianId, c);
            if (guardian is null) return JournalErrors.NotFound("Батьків");
            var today = await TodayAsync(guardian.SchoolId, c);
            var existing = (await db.Consents.Where(x => x.GuardianId == guardianId).ToListAsync(c)).FirstOrDefault(x => x.IsInForce(today));
            if (existing is not null) return existing;
            var now = clock.GetUtcNow().UtcDateTime;
            var consent = Consent.InChat(guardian.SchoolId, guardianId, today, now, channel, version);
            db.Consents.Add(consent);
            db.Audit(new AuditRecord(guardian.SchoolId, now, null, guardian.FullName, channel, nameof(Consent), consent.Id, AuditAction.Created,
                null, $"згода від {today:dd.MM.yyyy} у чаті ({channel}), текст версії {version}", null, guardian.FullName));
            // Today's evening diary, held back for want of consent, goes now: the parent who agrees at 18:10 still gets tonight's.
            var diaryKey = $"{NotificationKind.DailyDiary}:{guardianId:N}:{today:yyyyMMdd}";
            foreach (var row in await db.Outbox.Where(o => o.RecipientKind == RecipientKind.Guardian && o.RecipientId == guardianId
                         && o.Kind == NotificationKind.DailyDiary && o.State == OutboxState.Cancelled && o.LastError == DeliveryRules.NoConsent).ToListAsync(c))
                if (row.IdempotencyKey.StartsWith(diaryKey, StringComparison.Ordinal)) row.Extend(now);
            await db.SaveChangesAsync(c);
            return consent;
        }, ct);

    /// <summary>"Не погоджуюсь": recorded in the audit trail (who, when, messenger, text version); nothing is sent to them.</summary>
    public Task RefuseAsync(Guid guardianId, Channel channel, int version, CancellationToken ct = default) =>
        db.WriteAsync(async c =>
        {
            var guardian = await db.Guardians.FirstOrDefaultAsync(g => g.Id == guardianId, c);
            if (guardian is null) return 0;
            var now = clock.GetUtcNow().UtcDateTime;
            db.Audit(new AuditRecord(guardian.SchoolId, now, null, guardian.FullName, channel, nameof(Consent), guardianId, AuditAction.Changed,
                null, $"відмова від згоди у чаті ({channel}), текст версії {version}", null, guardian.FullName));
            await db.SaveChangesAsync(c);
            return 1;
        }, ct);

    /// <summary>
    /// The guardian withdraws their consent in /settings: from today nothing more is sent to them (their rows still waiting
    /// are cancelled). Unlike a withdrawal the school records, the chat stays linked, so they can ask the bot themself and
    /// agree again later. False when no consent was in force.
    /// </summary>
    public Task<bool> WithdrawAsync(Guid guardianId, Channel channel, CancellationToken ct = default) =>
        db.WriteAsync(async c =>
        {
            var guardian = await db.Guardians.FirstOrDefaultAsync(g => g.Id == guardianId, c);
            if (guardian is null) return false;
            var today = await TodayAsync(guardian.SchoolId, c);
            var inForce = (await db.Consents.Where(x => x.GuardianId == guardianId).ToListAsync(c)).Where(x => x.IsInForce(today)).ToList();
            if (inForce.Count == 0) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var consent in inForce)
            {
                consent.Withdraw(today);
                db.Audit(new AuditRecord(guardian.SchoolId, now, null, guardian.FullName, channel, nameof(Consent), consent.Id, AuditAction.Changed,
                    $"згода від {consent.GivenOn:dd.MM.yyyy}", $"відкликано {today:dd.MM.yyyy} у чаті ({channel})", null, guardian.FullName));
            }

            foreach (var row in await db.Outbox.Where(o => o.RecipientKind == RecipientKind.Guardian && o.RecipientId == guardianId
                         && (o.State == OutboxState.Pending || o.State == OutboxState.Held || o.State == OutboxState.Failed)).ToListAsync(c))
                row.Cancel(DeliveryRules.NoConsent);
            await db.SaveChangesAsync(c);
            return true;
        }, ct);

    /// <summary>What the outbox would know of this person now (<see cref="Delivery"/>'s facts): choices, consent, every active chat, rules, grade.</summary>
    public async Task<RecipientFacts> FactsAsync(PersonKind kind, Guid personId, Guid schoolId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var today = SchoolTime.Today(clock, school.TimeZone);
        var prefs = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == personId && p.Kind == kind, ct);
        var links = await db.ChatLinks.AsNoTracking().Where(l => l.IsActive && l.PersonId == personId && l.Kind == kind).ToListAsync(ct);
        var consent = kind == PersonKind.Guardian && (await db.Consents.AsNoTracking().Where(c => c.GuardianId == personId).ToListAsync(ct)).Any(c => c.IsInForce(today));
        int? grade = kind == PersonKind.Student ? await GradeAsync(personId, today, ct) : null;
        return new RecipientFacts(prefs, consent, links, await rules.ForSchoolAsync(schoolId, ct), grade);
    }

    /// <summary>The student's grade on the day (their class's), or null when in no class.</summary>
    public async Task<int?> GradeAsync(Guid studentId, DateOnly day, CancellationToken ct = default) =>
        await db.Enrolments.AsNoTracking().Where(e => e.StudentId == studentId && e.From <= day && (e.To == null || e.To >= day))
            .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => (int?)k.Grade).FirstOrDefaultAsync(ct);

    private async Task<DateOnly> TodayAsync(Guid schoolId, CancellationToken ct) =>
        SchoolTime.Today(clock, await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.TimeZone).FirstAsync(ct));
}
