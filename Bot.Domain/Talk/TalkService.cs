using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Talk;

/// <summary>A staff member a family may write to about a child: "Коваленко І. П. — класний керівник".</summary>
public sealed record TalkTeacher(Guid StaffId, string ShortName, string Role);

/// <summary>
/// A message stored and queued: when the outbox may deliver it (UTC and school-local), and the recipient's plan by the
/// outbox's own rules (<see cref="DeliveryRules.Plan"/>), from which the writer is told the truth (ADR 0035, 0038).
/// </summary>
public sealed record TalkPosted(Guid ThreadId, Guid MessageId, DateTime DeliverAtUtc, DateTime DeliverAtLocal, DateTime LocalNow, DeliveryPlan Plan, string RecipientName)
{
    /// <summary>Set when a stand-in received it for the absent class teacher (ADR 0049): the class teacher's name and the stand-in's last day.</summary>
    public (string ClassTeacher, DateOnly Until)? StandIn { get; init; }
}

/// <summary>What the administration sees of the conversations (ADR 0038): counts and ages, never the text.</summary>
public sealed record TalkOverview(int Threads, int Open, int Unanswered, TimeSpan? OldestUnanswered);

/// <summary>
/// Conversations between families and staff (ADR 0038): who may write to whom, the message stored with its outbox
/// row in one transaction (delivered at the start of the staff member's next working period when written outside it), the
/// answer queued to the family's messenger, threads closed once the family cannot be reached lawfully, and retention.
/// </summary>
public sealed class TalkService(JournalDbContext db, ConsentService consents, TimeProvider clock)
{
    /// <summary>At most this many messages a family person writes in <see cref="FloodWindow"/>.</summary>
    public const int FloodLimit = 5;

    public static readonly TimeSpan FloodWindow = TimeSpan.FromMinutes(10);

    public static readonly DomainError Empty = new("talk.empty", "Повідомлення порожнє: напишіть, будь ласка, текст.");
    public static readonly DomainError NotYourTeacher = new("talk.not_teacher",
        "Написати через бот можна лише класному керівнику або вчителям, які навчають вашу дитину.");
    public static readonly DomainError NotYourChild = new("talk.not_child", "Ця дитина не повʼязана з вашим чатом.");
    public static readonly DomainError NotYourThread = new("talk.not_yours", "Ця розмова адресована не вам: відповісти на неї не можна.");
    public static readonly DomainError NoConsent = new("talk.consent",
        "Щоб писати вчителям через бот, потрібна ваша згода на обробку персональних даних. Дати її можна в /settings.");
    public static readonly DomainError StudentsMayNot = new("talk.students", "Ваша школа не дозволяє учням писати вчителям через бот.");
    public static readonly DomainError Closed = new("talk.closed",
        "Розмову закрито: батьки відʼєднали чат або відкликали згоду, тож нові повідомлення в ній неможливі.");
    public static readonly DomainError Flood = new("talk.flood",
        $"Забагато повідомлень поспіль: не більше {FloodLimit} за {FloodWindow.TotalMinutes:0} хвилин. Спробуйте трохи згодом.");

    public static readonly DomainError NotPassed = new("talk.not_passed",
        "Адміністрація читає лише розмови, які їй передала одна зі сторін («Передати адміністрації»).");
    public static readonly DomainError NotAdministration = new("talk.not_admin", "Закрити розмову може лише директор або заступник директора.");

    public static readonly DomainError StandInEnded = new("talk.standin_ended",
        "Ваша заміна класного керівника закінчилася: відповідати батькам цього класу тепер може лише класний керівник.");

    public static DomainError TooLong(int length) =>
        new("talk.too_long", $"Повідомлення задовге: {length} символів, а можна до {TalkMessage.MaxLength}. Скоротіть його або розділіть на кілька.");

    /// <summary>The child's class teacher and the teachers of the child's class this school year, class teacher first.</summary>
    public async Task<IReadOnlyList<TalkTeacher>> TeachersOfAsync(Guid studentId, CancellationToken ct = default)
    {
        var classId = await ClassOfAsync(studentId, ct);
        if (classId is null) return [];
        var klass = await db.Classes.AsNoTracking().FirstAsync(c => c.Id == classId, ct);
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == classId)
            .Join(db.Subjects, a => a.SubjectId, s => s.Id, (a, s) => new { a.TeacherId, Subject = s.Name }).ToListAsync(ct);
        var ids = assignments.Select(a => a.TeacherId).Append(klass.ClassTeacherId ?? Guid.Empty).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id) && s.DeactivatedOn == null).ToListAsync(ct);
        var list = new List<TalkTeacher>();
        if (klass.ClassTeacherId is { } lead && staff.FirstOrDefault(s => s.Id == lead) is { } teacher)
            list.Add(new TalkTeacher(lead, teacher.ShortName, "класний керівник"));
        foreach (var s in staff.Where(s => list.All(l => l.StaffId != s.Id)).OrderBy(s => s.SortKey, StringComparer.Ordinal))
            list.Add(new TalkTeacher(s.Id, s.ShortName,
                string.Join(", ", assignments.Where(a => a.TeacherId == s.Id).Select(a => a.Subject.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))));
        return list;
    }

    /// <summary>
    /// A family's message to a staff member about a child: checked (the child is theirs — the caller passes only its own
    /// persona's children —, the staff member teaches or leads the child, consent, length, flood), stored in the open
    /// thread (a new one when none) and queued in one transaction, due at the start of the staff member's next working period.
    /// </summary>
    public async Task<Result<TalkPosted>> FromFamilyAsync(PersonKind familyKind, Guid familyPersonId, Guid studentId, Guid staffId, Channel channel, string? text,
        CancellationToken ct = default)
    {
        var body = Clean(text);
        if (body.Length == 0) return Empty;
        if (body.Length > TalkMessage.MaxLength) return TooLong(body.Length);
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studentId, ct);
        if (student is null) return NotYourChild;
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == student.SchoolId, ct);
        if (familyKind == PersonKind.Student && (!school.StudentsMayWrite || familyPersonId != studentId)) return StudentsMayNot;
        if (familyKind == PersonKind.Guardian && !await db.GuardianStudents.AnyAsync(g => g.GuardianId == familyPersonId && g.StudentId == studentId, ct))
            return NotYourChild;
        if ((await TeachersOfAsync(studentId, ct)).All(t => t.StaffId != staffId)) return NotYourTeacher;
        if (familyKind == PersonKind.Guardian && !await consents.InForceAsync(school.Id, familyPersonId, ct)) return NoConsent;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - FloodWindow;
        if (await db.TalkMessages.CountAsync(m => m.AuthorId == familyPersonId && !m.FromStaff && m.CreatedAtUtc > since, ct) >= FloodLimit) return Flood;

        // The class teacher is away: a stand-in named for these days receives it instead (ADR 0049).
        ClassTeacherStandIn? standIn = null;
        if (await ClassOfAsync(studentId, ct) is { } classId && await db.Classes.AnyAsync(c => c.Id == classId && c.ClassTeacherId == staffId, ct))
            standIn = await StandInService.ActiveAsync(db, classId, SchoolTime.Today(clock, school.TimeZone), ct);
        var addressee = staffId;
        staffId = standIn?.StaffId ?? staffId;
        var standInId = standIn?.Id;

        var staff = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == staffId, ct);
        var zone = SchoolTime.Resolve(school.TimeZone);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
        var (from, to) = staff.WorkingHours;
        var deliverLocal = WorkingHours.NextDeliveryLocal(localNow, from, to,
            d => years.FirstOrDefault(y => y.Contains(d)) is { } y ? y.IsSchoolDay(d) : null);
        var deliverUtc = deliverLocal == localNow ? now : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(deliverLocal, DateTimeKind.Unspecified), zone);

        var thread = await db.TalkThreads.FirstOrDefaultAsync(t => t.StudentId == studentId && t.FamilyPersonId == familyPersonId && t.StaffId == staffId
            && t.StandInId == standInId && t.ClosedAtUtc == null, ct);
        if (thread is null)
        {
            var year = SchoolYears.Current(years, DateOnly.FromDateTime(localNow)) ?? years.OrderByDescending(y => y.StartsOn).FirstOrDefault();
            thread = new TalkThread(school.Id, year?.Id ?? Guid.Empty, studentId, familyKind, familyPersonId, staffId, channel, now);
            if (standInId is { } sid) thread.OpenedUnder(sid);
            db.TalkThreads.Add(thread);
        }

        thread.FamilyWrote(channel, now);
        var message = new TalkMessage(school.Id, thread.Id, fromStaff: false, familyPersonId, body, now, deliverUtc);
        db.TalkMessages.Add(message);
        db.Outbox.Add(new OutboxMessage(school.Id, $"Talk:{message.Id:N}", RecipientKind.Staff, staffId, NotificationKind.FamilyMessage,
            OutboxPayloads.Serialize(new FamilyMessagePayload(thread.Id, message.Id)), now, deliverUtc, thread.Id));
        await db.SaveChangesAsync(ct);
        var facts = await consents.FactsAsync(PersonKind.Staff, staffId, school.Id, ct);
        var posted = new TalkPosted(thread.Id, message.Id, deliverUtc, deliverLocal, localNow, DeliveryRules.Plan(NotificationKind.FamilyMessage, RecipientKind.Staff, facts),
            staff.ShortName);
        if (standIn is null) return posted;
        var absent = await db.Staff.AsNoTracking().Where(s => s.Id == addressee).Select(s => s.ShortName).FirstAsync(ct);
        return posted with { StandIn = (absent, standIn.To) };
    }

    /// <summary>Whom the family's next message in a thread is addressed to: the class teacher for a stand-in's thread (ADR 0049), else its staff member.</summary>
    public async Task<Guid> FamilyAddresseeAsync(TalkThread thread, CancellationToken ct = default) =>
        thread.StandInId is { } id
            ? await db.ClassTeacherStandIns.AsNoTracking().Where(s => s.Id == id).Select(s => (Guid?)s.ClassTeacherId).FirstOrDefaultAsync(ct) ?? thread.StaffId
            : thread.StaffId;

    /// <summary>
    /// Whether the staff side of a stand-in's thread may still read and answer it: a thread opened under a stand-in is the
    /// stand-in's only while that stand-in lasts (ADR 0049); any other thread always.
    /// </summary>
    public async Task<bool> StaffSideActiveAsync(TalkThread thread, CancellationToken ct = default)
    {
        if (thread.StandInId is not { } id) return true;
        var standIn = await db.ClassTeacherStandIns.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (standIn is null) return false;
        var zone = await db.Schools.AsNoTracking().Where(s => s.Id == thread.SchoolId).Select(s => s.TimeZone).FirstAsync(ct);
        return standIn.ActiveOn(SchoolTime.Today(clock, zone));
    }

    /// <summary>
    /// A staff member's answer in a thread addressed to them: queued at once to the family's messenger (their quiet hours
    /// hold it until the morning at the latest). A family that unlinked or withdrew consent closes the thread instead.
    /// </summary>
    public async Task<Result<TalkPosted>> FromStaffAsync(Guid staffId, Guid threadId, string? text, CancellationToken ct = default)
    {
        var body = Clean(text);
        if (body.Length == 0) return Empty;
        if (body.Length > TalkMessage.MaxLength) return TooLong(body.Length);
        var thread = await db.TalkThreads.FirstOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null || thread.StaffId != staffId) return NotYourThread;
        if (!await StaffSideActiveAsync(thread, ct)) return StandInEnded;
        if (!thread.IsOpen) return Closed;
        var now = clock.GetUtcNow().UtcDateTime;
        var recipient = thread.FamilyKind == PersonKind.Guardian ? RecipientKind.Guardian : RecipientKind.Student;
        var facts = await consents.FactsAsync(thread.FamilyKind, thread.FamilyPersonId, thread.SchoolId, ct);
        if (facts.Links.Count == 0 || (recipient == RecipientKind.Guardian && !facts.HasConsent))
        {
            thread.Close(now, facts.Links.Count == 0 ? "the family unlinked the chat" : "the guardian's consent is not in force");
            await db.SaveChangesAsync(ct);
            return Closed;
        }

        thread.StaffWrote(now);
        var message = new TalkMessage(thread.SchoolId, thread.Id, fromStaff: true, staffId, body, now, now);
        db.TalkMessages.Add(message);
        db.Outbox.Add(new OutboxMessage(thread.SchoolId, $"Talk:{message.Id:N}", recipient, thread.FamilyPersonId, NotificationKind.StaffAnswer,
            OutboxPayloads.Serialize(new StaffAnswerPayload(thread.Id, message.Id, thread.FamilyChannel)), now, now, thread.Id));
        await db.SaveChangesAsync(ct);
        var zone = SchoolTime.Resolve((await db.Schools.AsNoTracking().FirstAsync(s => s.Id == thread.SchoolId, ct)).TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        var name = thread.FamilyKind == PersonKind.Guardian
            ? await db.Guardians.AsNoTracking().Where(g => g.Id == thread.FamilyPersonId).Select(g => g.LastName + " " + g.FirstName).FirstAsync(ct)
            : await db.Students.AsNoTracking().Where(g => g.Id == thread.FamilyPersonId).Select(g => g.LastName + " " + g.FirstName).FirstAsync(ct);
        return new TalkPosted(thread.Id, message.Id, now, local, local, DeliveryRules.Plan(NotificationKind.StaffAnswer, recipient, facts, thread.FamilyChannel), name);
    }

    /// <summary>
    /// "Передати адміністрації": one side of the thread (<paramref name="sideId"/> — its staff member or its family person)
    /// passes it to the administration, who from then on read it and may close it. The other side is told through the
    /// outbox in the same transaction; audited. False when it had been passed already (nothing changes).
    /// </summary>
    public async Task<Result<bool>> PassToAdministrationAsync(Actor actor, Guid sideId, Guid threadId, CancellationToken ct = default)
    {
        var thread = await db.TalkThreads.FirstOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null || (thread.StaffId != sideId && thread.FamilyPersonId != sideId)) return NotYourThread;
        if (!thread.IsOpen) return Closed;
        if (thread.IsPassedToAdministration) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        thread.PassToAdministration(now);
        var about = await AboutAsync(thread, ct);
        var byStaff = thread.StaffId == sideId;
        var who = byStaff ? $"на прохання вчителя ({(await db.Staff.AsNoTracking().FirstAsync(x => x.Id == thread.StaffId, ct)).ShortName})" : "на прохання батьків";
        Tell(thread, toStaff: !byStaff, $"Розмову про {about} передано адміністрації школи {who}: її прочитає директор або заступник директора.", now, "passed");
        db.Audit(actor, thread.SchoolId, now, nameof(TalkThread), thread.Id, AuditAction.Changed, null, "передано адміністрації", $"Розмова про {about}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The director or a deputy closes a thread passed to the administration for new messages; both sides are told through
    /// the outbox in the same transaction; audited. False when it was closed already.
    /// </summary>
    public async Task<Result<bool>> CloseByAdministrationAsync(Actor actor, Guid schoolId, Guid threadId, CancellationToken ct = default)
    {
        if (!actor.Roles.CanCorrectAnyJournal()) return NotAdministration;
        var thread = await db.TalkThreads.FirstOrDefaultAsync(t => t.Id == threadId && t.SchoolId == schoolId, ct);
        if (thread is null || !thread.IsPassedToAdministration) return NotPassed;
        if (!thread.IsOpen) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        thread.Close(now, "closed by the administration");
        var about = await AboutAsync(thread, ct);
        var text = $"Адміністрація школи закрила розмову про {about}: нові повідомлення в ній неможливі.";
        Tell(thread, toStaff: true, text, now, "closed");
        Tell(thread, toStaff: false, text, now, "closed");
        db.Audit(actor, thread.SchoolId, now, nameof(TalkThread), thread.Id, AuditAction.Changed, "передано адміністрації", "закрито", $"Розмова про {about}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Tell(TalkThread thread, bool toStaff, string text, DateTime now, string what)
    {
        var (kind, id) = toStaff ? (RecipientKind.Staff, thread.StaffId)
            : (thread.FamilyKind == PersonKind.Guardian ? RecipientKind.Guardian : RecipientKind.Student, thread.FamilyPersonId);
        db.Outbox.Add(new OutboxMessage(thread.SchoolId, $"TalkStatus:{what}:{thread.Id:N}:{(toStaff ? "staff" : "family")}", kind, id, NotificationKind.TalkStatus,
            OutboxPayloads.Serialize(new TalkStatusPayload(thread.Id, text)), now, now, thread.Id));
    }

    /// <summary>"Іваненко Олег, 7-А": the child and their class.</summary>
    private async Task<string> AboutAsync(TalkThread thread, CancellationToken ct)
    {
        var child = await db.Students.AsNoTracking().Where(x => x.Id == thread.StudentId).Select(x => x.LastName + " " + x.FirstName).FirstAsync(ct);
        var classId = await ClassOfAsync(thread.StudentId, ct);
        var klass = classId is null ? null : await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        return klass is null ? child : $"{child}, {klass.Grade}-{klass.Letter}";
    }

    /// <summary>A thread as one of its two sides may see it (null for anyone else).</summary>
    public async Task<TalkThread?> ThreadOfAsync(Guid threadId, IReadOnlyCollection<Guid> sides, CancellationToken ct = default)
    {
        var thread = await db.TalkThreads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null) return null;
        if (sides.Contains(thread.FamilyPersonId)) return thread;
        // A stand-in's thread is theirs only while the stand-in lasts (ADR 0049).
        return sides.Contains(thread.StaffId) && await StaffSideActiveAsync(thread, ct) ? thread : null;
    }

    /// <summary>
    /// The class teacher answers a parent's absence report: the open thread with that guardian about that child (a new one,
    /// without messages yet, when none). Null unless the staff member leads the child's class.
    /// </summary>
    public async Task<TalkThread?> ThreadForAbsenceAsync(Guid staffId, Guid reportOrNoticeId, CancellationToken ct = default)
    {
        // A report of several days names its report id; a day's notice (or a report written before reports had ids) its own.
        var notice = await db.AbsenceNotices.AsNoTracking().Where(n => n.ReportId == reportOrNoticeId || n.Id == reportOrNoticeId)
            .OrderBy(n => n.Date).FirstOrDefaultAsync(ct);
        if (notice is null) return null;
        var classId = await ClassOfAsync(notice.StudentId, ct);
        if (classId is null) return null;
        // The class teacher, or the class's stand-in while the stand-in lasts (ADR 0049).
        Guid? standInId = null;
        if (!await db.Classes.AnyAsync(c => c.Id == classId && c.ClassTeacherId == staffId, ct))
        {
            var zone = await db.Schools.AsNoTracking().Where(s => s.Id == notice.SchoolId).Select(s => s.TimeZone).FirstAsync(ct);
            var standIn = await StandInService.ActiveAsync(db, classId.Value, SchoolTime.Today(clock, zone), ct);
            if (standIn is null || standIn.StaffId != staffId) return null;
            standInId = standIn.Id;
        }

        var thread = await db.TalkThreads.FirstOrDefaultAsync(t => t.StudentId == notice.StudentId && t.FamilyPersonId == notice.GuardianId
            && t.StaffId == staffId && t.StandInId == standInId && t.ClosedAtUtc == null, ct);
        if (thread is not null) return thread;
        var yearId = await db.Classes.Where(c => c.Id == classId).Select(c => c.SchoolYearId).FirstAsync(ct);
        thread = new TalkThread(notice.SchoolId, yearId, notice.StudentId, PersonKind.Guardian, notice.GuardianId, staffId, notice.Channel, clock.GetUtcNow().UtcDateTime);
        if (standInId is { } sid) thread.OpenedUnder(sid);
        db.TalkThreads.Add(thread);
        await db.SaveChangesAsync(ct);
        return thread;
    }

    /// <summary>
    /// The school's conversation rules (ADR 0038): whether students may write to their teachers themselves, and how many years
    /// after their school year threads are kept (0–5). Audited; an administrator's (the director, the school's IT).
    /// </summary>
    public async Task<Result<bool>> SaveRulesAsync(Actor actor, Guid schoolId, bool studentsMayWrite, int keepYears, CancellationToken ct = default)
    {
        if (!actor.IsSystem && !actor.Is(StaffRoles.Administrator)) return new DomainError("auth.users", "Правила розмов змінює директор або адміністратор школи.");
        if (keepYears is < 0 or > 5) return new DomainError("talk.keep", "Зберігати розмови можна від 0 до 5 років після навчального року.");
        var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return JournalErrors.NotFound("Школу");
        if (school.StudentsMayWrite == studentsMayWrite && school.TalkKeepYears == keepYears) return false;
        static string Text(bool students, int years) => $"учні {(students ? "можуть" : "не можуть")} писати вчителям; розмови зберігаються рік їх початку і ще {years} р.";
        var before = Text(school.StudentsMayWrite, school.TalkKeepYears);
        school.SetTalkRules(studentsMayWrite, keepYears);
        db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, nameof(School), schoolId, AuditAction.Changed, before, Text(studentsMayWrite, keepYears), "Правила розмов");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Counts and the age of the oldest unanswered thread of a school: what the administration sees (ADR 0038).</summary>
    public async Task<TalkOverview> OverviewAsync(Guid schoolId, CancellationToken ct = default)
    {
        var threads = await db.TalkThreads.AsNoTracking().Where(t => t.SchoolId == schoolId)
            .Select(t => new { t.ClosedAtUtc, t.UnansweredSinceUtc }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = threads.Where(t => t.ClosedAtUtc == null && t.UnansweredSinceUtc != null).Select(t => t.UnansweredSinceUtc!.Value).ToList();
        return new TalkOverview(threads.Count, threads.Count(t => t.ClosedAtUtc == null), waiting.Count, waiting.Count == 0 ? null : now - waiting.Min());
    }

    /// <summary>
    /// Deletes the conversations whose school year ended more than the school's <see cref="School.TalkKeepYears"/> years
    /// ago (a thread without a known year: its last message more than that many years and one ago), with their messages
    /// and their outbox rows. Returns the threads deleted.
    /// </summary>
    public static async Task<int> DeleteExpiredAsync(JournalDbContext db, DateTime now, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(now);
        var schools = await db.Schools.AsNoTracking().Select(s => new { s.Id, s.TalkKeepYears }).ToListAsync(ct);
        var years = await db.SchoolYears.AsNoTracking().Select(y => new { y.Id, y.SchoolId, y.Semester2End }).ToListAsync(ct);
        var expired = new List<Guid>();
        foreach (var school in schools)
        {
            var gone = years.Where(y => y.SchoolId == school.Id && y.Semester2End.AddYears(school.TalkKeepYears) < today).Select(y => y.Id).ToList();
            var unknownBefore = now.AddYears(-(school.TalkKeepYears + 1));
            expired.AddRange(await db.TalkThreads.AsNoTracking()
                .Where(t => t.SchoolId == school.Id && (gone.Contains(t.SchoolYearId) || (t.SchoolYearId == Guid.Empty && t.LastMessageAtUtc < unknownBefore)))
                .Select(t => t.Id).ToListAsync(ct));
        }

        foreach (var chunk in expired.Chunk(500))
        {
            var ids = chunk.ToList();
            await db.Outbox.Where(o => o.SourceId != null && ids.Contains(o.SourceId.Value)
                && (o.Kind == NotificationKind.FamilyMessage || o.Kind == NotificationKind.StaffAnswer || o.Kind == NotificationKind.TalkStatus)).ExecuteDeleteAsync(ct);
            await db.TalkMessages.Where(m => ids.Contains(m.ThreadId)).ExecuteDeleteAsync(ct);
            await db.TalkThreads.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(ct);
        }

        return expired.Count;
    }

    /// <summary>"мама", "тато", "опікун" where the school recorded the relation; "батьки" otherwise.</summary>
    public static string Relation(string? recorded) => (recorded ?? "").Trim().ToLowerInvariant() switch
    {
        "мати" or "мама" => "мама",
        "батько" or "тато" => "тато",
        "опікун" or "опікунка" or "піклувальник" or "піклувальниця" => (recorded ?? "").Trim().ToLowerInvariant() is "опікунка" or "піклувальниця" ? "опікунка" : "опікун",
        _ => "батьки",
    };

    private async Task<Guid?> ClassOfAsync(Guid studentId, CancellationToken ct)
    {
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studentId, ct);
        if (student is null) return null;
        var zone = (await db.Schools.AsNoTracking().FirstAsync(s => s.Id == student.SchoolId, ct)).TimeZone;
        var today = SchoolTime.Today(clock, zone);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.StudentId == studentId).ToListAsync(ct);
        return (enrolments.FirstOrDefault(e => e.From <= today && (e.To == null || e.To >= today))
                ?? enrolments.Where(e => e.From > today).OrderBy(e => e.From).FirstOrDefault())?.ClassId;
    }

    private static string Clean(string? text) => (text ?? "").Trim();
}
