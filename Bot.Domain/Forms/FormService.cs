using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Forms;

/// <summary>A form as the panel's page gives it: the class, the students (none: the whole class), the question, options, deadline (school-local).</summary>
public sealed record FormInput(Guid ClassId, IReadOnlyList<Guid>? StudentIds, FormKind Kind, string? Question, IReadOnlyList<string>? Options, DateTime? DeadlineLocal);

/// <summary>What became of a press: recorded (with the option's text and whether it changed), or refused and why.</summary>
public abstract record FormAnswerOutcome
{
    public sealed record Recorded(FamilyForm Form, Guid StudentId, int Option, DateTime AtUtc, bool First, bool Changed) : FormAnswerOutcome;

    /// <summary>The deadline passed: nothing changed.</summary>
    public sealed record Closed(FamilyForm Form) : FormAnswerOutcome;

    /// <summary>Not this chat's form or child, or no such option: nothing recorded.</summary>
    public sealed record NotAllowed : FormAnswerOutcome;
}

/// <summary>One guardian's line under a child: their answer (null: not yet), when, in which messenger.</summary>
public sealed record FormGuardianAnswer(string Guardian, string? Answer, DateTime? AtUtc, Channel? Via);

/// <summary>A child of the form with their guardians' answers; <see cref="Answer"/>: the latest answer any guardian gave (null: none).</summary>
public sealed record FormChildRow(string Student, string? Answer, IReadOnlyList<FormGuardianAnswer> Guardians)
{
    public bool Answered => Answer is not null;
}

/// <summary>The form's results: its children in the alphabet's order, and the count of children per option.</summary>
public sealed record FormReport(FamilyForm Form, string ClassName, string SchoolName, TimeZoneInfo Zone, IReadOnlyList<FormChildRow> Children)
{
    public int Count(string option) => Children.Count(c => c.Answer == option);
    public int NotAnswered => Children.Count(c => !c.Answered);
    public string Deadline => FormService.Local(Form.DeadlineUtc, Zone);
}

/// <summary>A form in the list: how many children it asks about and how many have an answer.</summary>
public sealed record FormListRow(FamilyForm Form, int Children, int Answered);

/// <summary>
/// Forms to families (ADR 0045): permission slips ("Дозволяю участь у екскурсії 12.12": Так/Ні, J-11) and polls
/// (2–6 options) for a class or a list of its students, with a deadline. The administration writes to any class, a class teacher
/// to their own. The form, its children and one outbox row per guardian and child are saved in one transaction; a guardian's
/// press records one answer per child and guardian, changeable until the deadline; the author reads per child who answered what.
/// </summary>
public sealed class FormService(JournalDbContext db, TimeProvider clock)
{
    /// <summary>The latest deadline a form may have, from now.</summary>
    public static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(120);

    public static string Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("dd.MM.yyyy HH:mm");

    public async Task<Result<FamilyForm>> CreateAsync(Actor actor, Guid schoolId, FormInput input, CancellationToken ct = default)
    {
        if (actor.StaffId is not { } authorId) return new DomainError("form.author", "Форму створює працівник школи: увійдіть під своїм обліковим записом.");
        var question = VisibleText.Normalize(input.Question);
        if (question.Length == 0) return new DomainError("form.Question", "Напишіть питання.");
        if (question.Length > FamilyForm.MaxQuestionLength)
            return new DomainError("form.Question", $"Питання — до {FamilyForm.MaxQuestionLength} символів (зараз {question.Length}).");
        IReadOnlyList<string> options;
        if (input.Kind == FormKind.Permission) options = FamilyForm.PermissionOptions;
        else
        {
            var given = (input.Options ?? []).Select(o => VisibleText.Normalize(o).Replace('\n', ' ')).Where(o => o.Length > 0).ToList();
            if (given.Count is < FamilyForm.MinOptions or > FamilyForm.MaxOptions)
                return new DomainError("form.Options", $"Опитування має від {FamilyForm.MinOptions} до {FamilyForm.MaxOptions} варіантів відповіді (зараз {given.Count}).");
            if (given.FirstOrDefault(o => o.Length > FamilyForm.MaxOptionLength) is { } longOne)
                return new DomainError("form.Options", $"Варіант відповіді — до {FamilyForm.MaxOptionLength} символів: «{longOne[..20]}…» довший.");
            if (given.Distinct(StringComparer.OrdinalIgnoreCase).Count() != given.Count) return new DomainError("form.Options", "Варіанти відповіді повторюються.");
            options = given;
        }

        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return new DomainError("form.school", "Школу не знайдено.");
        var zone = SchoolTime.Resolve(school.TimeZone);
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.DeadlineLocal is not { } deadlineLocal) return new DomainError("form.Deadline", "Вкажіть, до коли чекати відповіді.");
        var deadline = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(deadlineLocal, DateTimeKind.Unspecified), zone);
        if (deadline <= now) return new DomainError("form.Deadline", "Термін відповіді має бути в майбутньому.");
        if (deadline > now + LongestDeadline) return new DomainError("form.Deadline", $"Термін відповіді — не далі ніж за {LongestDeadline.Days} днів.");

        var today = SchoolTime.Today(clock, school.TimeZone);
        var classes = await new AnnouncementService(db, clock).CurrentClassesAsync(schoolId, today, ct);
        var cls = classes.FirstOrDefault(c => c.Id == input.ClassId);
        if (cls is null) return new DomainError("form.ClassId", "Оберіть клас.");
        if (!actor.Roles.CanCorrectAnyJournal() && cls.ClassTeacherId != authorId)
            return new DomainError("form.forbidden", $"Класний керівник створює форми лише для свого класу, а {cls.Name} — не ваш клас.");
        var enrolled = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == cls.Id && e.From <= today && (e.To == null || e.To >= today))
            .Select(e => e.StudentId).Distinct().ToListAsync(ct);
        var chosen = input.StudentIds is { Count: > 0 } list ? list.Distinct().ToList() : enrolled;
        if (chosen.Any(id => !enrolled.Contains(id))) return new DomainError("form.StudentIds", $"Обрано учня, який не навчається в {cls.Name}.");
        if (chosen.Count == 0) return new DomainError("form.StudentIds", $"У {cls.Name} немає учнів.");
        var links = await db.GuardianStudents.AsNoTracking().Where(g => chosen.Contains(g.StudentId)).ToListAsync(ct);
        if (links.Count == 0) return new DomainError("form.empty", "У обраних учнів немає батьків, яким можна надіслати форму.");
        var students = await db.Students.AsNoTracking().Where(s => chosen.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var title = chosen.Count == enrolled.Count ? cls.Name.ToString()
            : $"{cls.Name} ({chosen.Count} {UkrainianText.Plural(chosen.Count, "учень", "учні", "учнів")})";
        var role = actor.Is(StaffRoles.Administrator) ? "адміністрація школи"
            : actor.Is(StaffRoles.Deputy) ? StaffRoles.Deputy.Title()
            : cls.ClassTeacherId == authorId ? $"{StaffRoles.ClassTeacher.Title()} {cls.Name}" : "адміністрація школи";
        var form = new FamilyForm(schoolId, input.Kind, question, options, deadline, cls.Id, title, authorId, $"{actor.Name}, {role}", now);
        db.FamilyForms.Add(form);
        foreach (var id in chosen) db.FamilyFormStudents.Add(new FamilyFormStudent(schoolId, form.Id, id));
        foreach (var link in links)
        {
            var s = students[link.StudentId];
            var payload = new FormRequestPayload(form.Id, s.Id, $"{s.LastName} {s.FirstName}", cls.Name.ToString(), input.Kind, question, options,
                Local(deadline, zone), form.Signature);
            db.Outbox.Add(new OutboxMessage(schoolId, $"{NotificationKind.FormRequest}:{form.Id:N}:{link.GuardianId:N}:{s.Id:N}", RecipientKind.Guardian,
                link.GuardianId, NotificationKind.FormRequest, OutboxPayloads.Serialize(payload), now, now, form.Id, OutboxPriority.Digest));
        }

        await db.SaveChangesAsync(ct); // one transaction: the form, its children and every row
        return form;
    }

    /// <summary>
    /// A press of option <paramref name="option"/> for <paramref name="studentId"/> by one of <paramref name="guardianIds"/> (the
    /// chat's guardians): counts only when one of them was sent that child's form (their outbox row), before the deadline.
    /// </summary>
    public async Task<FormAnswerOutcome> AnswerAsync(Guid formId, Guid studentId, int option, IReadOnlyCollection<Guid> guardianIds, Channel channel, CancellationToken ct = default)
    {
        if (guardianIds.Count == 0) return new FormAnswerOutcome.NotAllowed();
        var form = await db.FamilyForms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == formId, ct);
        if (form is null || option < 0 || option >= form.Options.Count) return new FormAnswerOutcome.NotAllowed();
        var keys = guardianIds.Select(g => $"{NotificationKind.FormRequest}:{formId:N}:{g:N}:{studentId:N}").ToList();
        var guardian = await db.Outbox.AsNoTracking().Where(o => keys.Contains(o.IdempotencyKey)).Select(o => (Guid?)o.RecipientId).FirstOrDefaultAsync(ct);
        if (guardian is not { } guardianId) return new FormAnswerOutcome.NotAllowed();
        var now = clock.GetUtcNow().UtcDateTime;
        if (!form.IsOpen(now)) return new FormAnswerOutcome.Closed(form);

        var row = await db.FamilyFormAnswers.FirstOrDefaultAsync(a => a.FormId == formId && a.StudentId == studentId && a.GuardianId == guardianId, ct);
        var first = row is null;
        var changed = row is not null && row.Option != option;
        if (row is null) db.FamilyFormAnswers.Add(row = new FamilyFormAnswer(form.SchoolId, formId, studentId, guardianId));
        row.Answer(option, now, channel, first);
        await db.SaveChangesAsync(ct);
        return new FormAnswerOutcome.Recorded(form, studentId, option, now, first, changed);
    }

    /// <summary>The school's forms, newest first (a class teacher: their own and their classes'), with the children answered.</summary>
    public async Task<List<FormListRow>> ListAsync(Guid schoolId, Guid? onlyClassTeacher, int take, CancellationToken ct = default)
    {
        var query = db.FamilyForms.AsNoTracking().Where(f => f.SchoolId == schoolId);
        if (onlyClassTeacher is { } teacher)
        {
            var own = db.Classes.Where(c => c.ClassTeacherId == teacher).Select(c => c.Id);
            query = query.Where(f => f.AuthorId == teacher || own.Contains(f.ClassId));
        }

        var forms = await query.OrderByDescending(f => f.CreatedAtUtc).Take(take).ToListAsync(ct);
        var ids = forms.Select(f => f.Id).ToList();
        var children = (await db.FamilyFormStudents.AsNoTracking().Where(s => ids.Contains(s.FormId)).GroupBy(s => s.FormId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
        var answered = (await db.FamilyFormAnswers.AsNoTracking().Where(a => ids.Contains(a.FormId)).Select(a => new { a.FormId, a.StudentId }).Distinct()
            .ToListAsync(ct)).GroupBy(a => a.FormId).ToDictionary(g => g.Key, g => g.Count());
        return forms.Select(f => new FormListRow(f, children.GetValueOrDefault(f.Id), answered.GetValueOrDefault(f.Id))).ToList();
    }

    /// <summary>
    /// Per child, who answered what and who has not. Null when the form is not the school's or the actor may not read it (the
    /// administration reads any; a class teacher their own forms and their class's).
    /// </summary>
    public async Task<FormReport?> ReportAsync(Actor actor, Guid schoolId, Guid formId, CancellationToken ct = default)
    {
        var form = await db.FamilyForms.AsNoTracking().FirstOrDefaultAsync(f => f.Id == formId && f.SchoolId == schoolId, ct);
        if (form is null || !await MayReadAsync(actor, form, ct)) return null;
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var cls = await db.Classes.AsNoTracking().FirstAsync(c => c.Id == form.ClassId, ct);
        var studentIds = await db.FamilyFormStudents.AsNoTracking().Where(s => s.FormId == formId).Select(s => s.StudentId).ToListAsync(ct);
        var students = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToListAsync(ct);
        // The guardians each child's form went to (their rows), as written: a guardian linked later was not asked.
        var sent = (await db.Outbox.AsNoTracking().Where(o => o.Kind == NotificationKind.FormRequest && o.SourceId == formId)
            .Select(o => o.IdempotencyKey).ToListAsync(ct))
            .Select(k => k.Split(':')).Where(p => p.Length == 4 && Guid.TryParseExact(p[2], "N", out _) && Guid.TryParseExact(p[3], "N", out _))
            .Select(p => (Guardian: Guid.ParseExact(p[2], "N"), Student: Guid.ParseExact(p[3], "N"))).ToList();
        var guardianIds = sent.Select(s => s.Guardian).Distinct().ToList();
        var guardians = await db.Guardians.AsNoTracking().Where(g => guardianIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var answers = await db.FamilyFormAnswers.AsNoTracking().Where(a => a.FormId == formId).ToListAsync(ct);
        var options = form.Options;

        var rows = new List<FormChildRow>();
        foreach (var s in students.OrderBy(s => s.SortKey, StringComparer.Ordinal))
        {
            var lines = sent.Where(x => x.Student == s.Id && guardians.ContainsKey(x.Guardian)).Select(x => guardians[x.Guardian])
                .OrderBy(g => g.SortKey, StringComparer.Ordinal)
                .Select(g => answers.FirstOrDefault(a => a.StudentId == s.Id && a.GuardianId == g.Id) is { } a
                    ? new FormGuardianAnswer(g.ShortName, options[a.Option], a.AnsweredAtUtc, a.Via)
                    : new FormGuardianAnswer(g.ShortName, null, null, null)).ToList();
            var latest = answers.Where(a => a.StudentId == s.Id).OrderByDescending(a => a.AnsweredAtUtc).FirstOrDefault();
            rows.Add(new FormChildRow($"{s.LastName} {s.FirstName}", latest is null ? null : options[latest.Option], lines));
        }

        return new FormReport(form, cls.Name.ToString(), school.Name, SchoolTime.Resolve(school.TimeZone), rows);
    }

    /// <summary>The classes the actor may create a form for (the administration: every current class; a class teacher: their own).</summary>
    public async Task<List<SchoolClass>> ClassesForAsync(Actor actor, Guid schoolId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return [];
        var classes = await new AnnouncementService(db, clock).CurrentClassesAsync(schoolId, SchoolTime.Today(clock, school.TimeZone), ct);
        return actor.Roles.CanCorrectAnyJournal() ? classes : classes.Where(c => c.ClassTeacherId == actor.StaffId).ToList();
    }

    /// <summary>The students of a class today, in the alphabet's order (for the list to choose from).</summary>
    public async Task<List<Student>> StudentsOfAsync(Guid schoolId, Guid classId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var today = SchoolTime.Today(clock, school.TimeZone);
        var ids = db.Enrolments.Where(e => e.ClassId == classId && e.From <= today && (e.To == null || e.To >= today)).Select(e => e.StudentId);
        return (await db.Students.AsNoTracking().Where(s => s.SchoolId == schoolId && ids.Contains(s.Id)).ToListAsync(ct))
            .OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
    }

    private async Task<bool> MayReadAsync(Actor actor, FamilyForm f, CancellationToken ct) =>
        actor.Roles.CanCorrectAnyJournal() || f.AuthorId == actor.StaffId
        || actor.StaffId is { } staff && await db.Classes.AnyAsync(c => c.Id == f.ClassId && c.ClassTeacherId == staff, ct);
}
