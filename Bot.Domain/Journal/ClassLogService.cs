using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>
/// The class teacher's sections of the journal (J-2): excursions and practice (J-11), safety briefings per student
/// (J-12), parents' consent (seed 002, 3.2); and the deputy's remarks with the teacher's answers (J-13).
/// Every entry is audited in the same transaction.
/// </summary>
public sealed class ClassLogService(JournalDbContext db, TimeProvider clock)
{
    private static readonly DomainError NotClassTeacher =
        new("auth.not_class_teacher", "Цей розділ журналу веде класний керівник класу або адміністрація школи.");

    private static readonly DomainError OnlyDeputy =
        new("auth.only_deputy", "Зауваження до ведення журналу пише заступник директора або директор."); // J-13

    private static readonly DomainError NotAddressee =
        new("auth.not_addressee", "Відповідає на зауваження вчитель, якому його адресовано.");

    private static readonly DomainError IntroductoryTwice =
        new("briefing.introductory_twice", "Вступний інструктаж у цьому класі цього року вже записано: його проводять раз на рік."); // J-12

    private static readonly DomainError EmptyRemark =
        new("remark.text", "Зауваження не може бути порожнім: напишіть текст, який можна прочитати.");

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>J-11: an excursion or practice outside the programme; held, so not in the future; not marked.</summary>
    public Task<Result<ExcursionEntry>> AddExcursionAsync(Actor actor, Guid classId, DateOnly date, string form, string topic, Guid? subjectId, Guid teacherId,
        CancellationToken ct = default) =>
        db.WriteAsync<Result<ExcursionEntry>>(async c =>
        {
            var ctx = await LoadAsync(actor, classId, date, c);
            if (!ctx.IsSuccess) return ctx.Error;
            var (cls, _, school) = ctx.Value!;
            var entry = new ExcursionEntry(school.Id, cls.Id, date, form, topic, subjectId, teacherId);
            db.Excursions.Add(entry);
            AuditEntry(school, actor, nameof(ExcursionEntry), entry.Id, null, $"{date:dd.MM.yyyy}; {entry.Form}; {entry.Topic}", $"{cls.Name} · екскурсії та практика", new AuditPlace(cls.Id));
            await db.SaveChangesAsync(c);
            return entry;
        }, ct);

    /// <summary>
    /// J-12: a briefing held with the class on <paramref name="classDate"/>; each enrolled student gets an entry,
    /// those absent that day get "н" and the day it was held with them (<paramref name="heldLater"/>).
    /// The introductory briefing is held once a year.
    /// </summary>
    public Task<Result<IReadOnlyList<SafetyBriefing>>> RecordBriefingAsync(Actor actor, Guid classId, BriefingKind kind, string topic, DateOnly classDate,
        IReadOnlyDictionary<Guid, DateOnly>? heldLater = null, CancellationToken ct = default) =>
        db.WriteAsync<Result<IReadOnlyList<SafetyBriefing>>>(async c =>
        {
            var ctx = await LoadAsync(actor, classId, classDate, c);
            if (!ctx.IsSuccess) return ctx.Error;
            var (cls, year, school) = ctx.Value!;
            if (VisibleText.IsBlank(topic)) return new DomainError("briefing.topic", "Вкажіть тему інструктажу.");
            if (kind == BriefingKind.Introductory && await db.SafetyBriefings.AnyAsync(b => b.ClassId == classId && b.Kind == BriefingKind.Introductory
                    && b.ClassDate >= year.StartsOn && b.ClassDate <= year.EndsOn, c))
                return IntroductoryTwice;

            var students = await db.Enrolments.AsNoTracking()
                .Where(e => e.ClassId == classId && e.From <= classDate && (e.To == null || e.To >= classDate))
                .Select(e => e.StudentId).ToListAsync(c);
            var unknown = heldLater?.Keys.Except(students).ToList() ?? [];
            if (unknown.Count > 0) return new DomainError("briefing.not_in_class", "Серед відсутніх є учень, якого немає в класі на цю дату.");

            var today = SchoolTime.Today(clock, school.TimeZone);
            if (heldLater?.Values.Any(d => d > today) == true) return JournalErrors.FutureDate(heldLater.Values.Max());
            var entries = new List<SafetyBriefing>();
            foreach (var studentId in students)
            {
                DateOnly? later = heldLater is not null && heldLater.TryGetValue(studentId, out var d) ? d : null;
                var entry = new SafetyBriefing(school.Id, classId, studentId, kind, topic, classDate, later, actor.StaffId ?? Guid.Empty);
                db.SafetyBriefings.Add(entry);
                AuditEntry(school, actor, nameof(SafetyBriefing), entry.Id, null, entry.JournalEntry, $"{cls.Name} · інструктаж «{entry.Topic}»", new AuditPlace(cls.Id));
                entries.Add(entry);
            }

            await db.SaveChangesAsync(c);
            return entries;
        }, ct);

    /// <summary>Seed 002, 3.2: a guardian's consent to data processing, with the date and who recorded it.</summary>
    public Task<Result<Consent>> RecordConsentAsync(Actor actor, Guid guardianId, DateOnly givenOn, CancellationToken ct = default) =>
        db.WriteAsync<Result<Consent>>(async c =>
        {
            var guardian = await db.Guardians.FirstOrDefaultAsync(g => g.Id == guardianId, c);
            if (guardian is null) return JournalErrors.NotFound("Батьків");
            var children = await db.GuardianStudents.Where(l => l.GuardianId == guardianId).Select(l => l.StudentId).ToListAsync(c);
            var classTeacherOf = await db.Enrolments.Where(e => children.Contains(e.StudentId))
                .Join(db.Classes, e => e.ClassId, k => k.Id, (e, k) => k.ClassTeacherId).ToListAsync(c);
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal() && !classTeacherOf.Contains(actor.StaffId)) return NotClassTeacher;
            var school = await db.Schools.FirstAsync(s => s.Id == guardian.SchoolId, c);
            if (givenOn > SchoolTime.Today(clock, school.TimeZone)) return JournalErrors.FutureDate(givenOn);

            var consent = new Consent(school.Id, guardianId, givenOn, actor.StaffId ?? Guid.Empty, UtcNow);
            db.Consents.Add(consent);
            AuditEntry(school, actor, nameof(Consent), consent.Id, null, $"згода від {givenOn:dd.MM.yyyy}", guardian.FullName);
            await db.SaveChangesAsync(c);
            return consent;
        }, ct);

    /// <summary>J-13: a deputy director's remark on a class's journal (optionally one subject, addressed to its teacher).</summary>
    public Task<Result<Remark>> WriteRemarkAsync(Actor actor, Guid classId, Guid? subjectId, Guid? addresseeId, string text, CancellationToken ct = default) =>
        db.WriteAsync<Result<Remark>>(async c =>
        {
            if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return OnlyDeputy;
            if (VisibleText.IsBlank(text)) return EmptyRemark;
            var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (subjectId is { } sid)
            {
                // A remark is on a journal that exists: a subject taught in the class (or with lessons on its page).
                var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == sid && x.SchoolId == cls.SchoolId, c);
                if (subject is null) return JournalErrors.NotFound("Предмет");
                var exists = await db.TeachingAssignments.AnyAsync(a => a.ClassId == classId && a.SubjectId == sid, c)
                    || await db.Lessons.AnyAsync(l => l.ClassId == classId && l.SubjectId == sid, c);
                if (!exists)
                    return new DomainError("remark.no_journal", $"Журналу «{cls.Name} · {subject.Name}» немає: у {cls.Name} цей предмет не викладають. Оберіть предмет, який є в класі, або залиште «розділи класного керівника».");
            }

            var school = await db.Schools.FirstAsync(s => s.Id == cls.SchoolId, c);
            var remark = new Remark(school.Id, classId, subjectId, actor.StaffId ?? Guid.Empty, SchoolTime.Today(clock, school.TimeZone), text, addresseeId);
            db.Remarks.Add(remark);
            AuditEntry(school, actor, nameof(Remark), remark.Id, null, remark.Text, $"{cls.Name} · зауваження", new AuditPlace(cls.Id, remark.SubjectId));
            await db.SaveChangesAsync(c);
            return remark;
        }, ct);

    /// <summary>J-13: the teacher answers "Виконано", "Взято до уваги" or "Ознайомлена(ий)", dated today.</summary>
    public Task<Result<Remark>> AnswerRemarkAsync(Actor actor, Guid remarkId, RemarkResponse response, CancellationToken ct = default) =>
        db.WriteAsync<Result<Remark>>(async c =>
        {
            var remark = await db.Remarks.FirstOrDefaultAsync(r => r.Id == remarkId, c);
            if (remark is null) return JournalErrors.NotFound("Зауваження");
            var cls = await db.Classes.FirstAsync(k => k.Id == remark.ClassId, c);
            var mayAnswer = remark.AddresseeId is { } a ? a == actor.StaffId : cls.ClassTeacherId == actor.StaffId;
            if (!mayAnswer) return NotAddressee;
            var school = await db.Schools.FirstAsync(s => s.Id == remark.SchoolId, c);
            var before = remark.Response is { } r ? Remark.ResponseTitle(r) : "без відповіді";
            remark.Answer(actor.StaffId!.Value, response, SchoolTime.Today(clock, school.TimeZone));
            AuditEntry(school, actor, nameof(Remark), remark.Id, before, $"{Remark.ResponseTitle(response)} ({remark.RespondedOn:dd.MM.yyyy})", $"{cls.Name} · зауваження",
                new AuditPlace(cls.Id, remark.SubjectId));
            await db.SaveChangesAsync(c);
            return remark;
        }, ct);

    /// <summary>The class, its open year and school; the actor must be its class teacher or a deputy/administrator; J-7 for the date.</summary>
    private async Task<Result<(SchoolClass Class, SchoolYear Year, School School)>> LoadAsync(Actor actor, Guid classId, DateOnly date, CancellationToken ct)
    {
        var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId, ct);
        if (cls is null) return JournalErrors.NotFound("Клас");
        var isClassTeacher = actor.Is(StaffRoles.ClassTeacher) && cls.ClassTeacherId == actor.StaffId;
        if (!actor.IsSystem && !isClassTeacher && !actor.Roles.CanCorrectAnyJournal()) return NotClassTeacher;
        var year = await db.SchoolYears.FirstAsync(y => y.Id == cls.SchoolYearId, ct);
        var open = year.EnsureOpen();
        if (!open.IsSuccess) return open.Error;
        var school = await db.Schools.FirstAsync(s => s.Id == cls.SchoolId, ct);
        if (date > SchoolTime.Today(clock, school.TimeZone)) return JournalErrors.FutureDate(date);
        if (!year.Contains(date)) return JournalErrors.OutsideYear(date, year.Title);
        return (cls, year, school);
    }

    /// <summary>An entry of the class's log; <paramref name="place"/> puts it under its class (and subject) on the audit page's filters.</summary>
    private void AuditEntry(School school, Actor actor, string type, Guid id, string? oldValue, string newValue, string context, AuditPlace? place = null) =>
        db.Audit(new AuditRecord(school.Id, UtcNow, actor.StaffId, actor.Name, actor.Channel, type, id,
            oldValue is null ? AuditAction.Created : AuditAction.Changed, oldValue, newValue, null, context, place));
}
