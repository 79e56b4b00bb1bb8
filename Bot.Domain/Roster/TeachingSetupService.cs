using Bot.Domain.Audit;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Roster;

/// <summary>What the administration enters for a subject: its name, kind and the traits that decide its columns (M-3, M-4, M-11, J-10).</summary>
public sealed record SubjectInput(string? Name, SubjectKind Kind, SubjectTraits Traits, string? Aliases);

/// <summary>
/// Subjects (J-3: their names are the deputy's), groups of a class for a split subject (J-5) and teaching assignments
/// (teacher × class × subject × group): the administration's setup, audited; refusals are Ukrainian messages.
/// </summary>
public sealed class TeachingSetupService(JournalDbContext db, TimeProvider clock)
{
    public Task<Result<Subject>> AddSubjectAsync(Actor actor, Guid schoolId, SubjectInput input, CancellationToken ct = default) =>
        SaveSubjectAsync(actor, schoolId, null, input, ct);

    public Task<Result<Subject>> UpdateSubjectAsync(Actor actor, Guid schoolId, Guid subjectId, SubjectInput input, CancellationToken ct = default) =>
        SaveSubjectAsync(actor, schoolId, subjectId, input, ct);

    private Task<Result<Subject>> SaveSubjectAsync(Actor actor, Guid schoolId, Guid? subjectId, SubjectInput input, CancellationToken ct) =>
        db.WriteAsync<Result<Subject>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            if (string.IsNullOrWhiteSpace(input.Name)) return new DomainError("subject.name", "Вкажіть назву предмета.");
            var name = UkrainianText.NormalizeApostrophe(input.Name.Trim());
            if (name.Length > 200) return new DomainError("subject.name", "Назва предмета — до 200 символів.");
            var key = UkrainianText.SearchKey(name);
            var others = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId && s.Id != subjectId).Select(s => new { s.Name, s.SearchKey }).ToListAsync(c);
            if (others.FirstOrDefault(o => o.SearchKey == key) is { } same)
                return new DomainError("subject.duplicate", $"Предмет «{same.Name}» уже є в школі.");
            var traits = input.Kind == SubjectKind.Optional ? input.Traits with { IsOptionalCourse = true } : input.Traits with { IsOptionalCourse = false };
            Subject subject;
            string? before = null;
            if (subjectId is { } id)
            {
                var found = await db.Subjects.FirstOrDefaultAsync(s => s.Id == id && s.SchoolId == schoolId, c);
                if (found is null) return JournalErrors.NotFound("Предмет");
                subject = found;
                before = Describe(subject);
                subject.Update(name, input.Kind, traits, input.Aliases);
            }
            else
            {
                subject = new Subject(schoolId, name, input.Kind, traits, null);
                subject.SetAliases((input.Aliases ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                db.Subjects.Add(subject);
            }

            var after = Describe(subject);
            if (before == after) return subject;
            Audit(actor, schoolId, nameof(Subject), subject.Id, before is null ? AuditAction.Created : AuditAction.Changed, before, after, $"предмет · {subject.Name}");
            await db.SaveChangesAsync(c);
            return subject;
        }, ct);

    /// <summary>A new group of a class for a subject (J-5): "I група", "II група"…, numbered by the next free number.</summary>
    public Task<Result<ClassGroup>> AddGroupAsync(Actor actor, Guid classId, Guid subjectId, CancellationToken ct = default) =>
        db.WriteAsync<Result<ClassGroup>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;
            var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.SchoolId == cls.SchoolId, c);
            if (subject is null) return new DomainError("group.subject", "Оберіть предмет, для якого клас ділиться на групи.");
            var numbers = await db.Groups.IgnoreAutoIncludes().Where(g => g.ClassId == classId && g.SubjectId == subjectId).Select(g => g.Number).ToListAsync(c);
            var number = Enumerable.Range(1, 4).FirstOrDefault(n => !numbers.Contains(n));
            if (number == 0) return new DomainError("group.count", $"У {cls.Name} з предмета «{subject.Name}» уже чотири групи.");
            var group = new ClassGroup(cls.SchoolId, classId, subjectId, number);
            db.Groups.Add(group);
            Audit(actor, cls.SchoolId, nameof(ClassGroup), group.Id, AuditAction.Created, null, group.Name, $"{cls.Name} · {ClassGroup.PageTitle(subject.Name, group.Name)}");
            await db.SaveChangesAsync(c);
            return group;
        }, ct);

    /// <summary>
    /// The group's members from <paramref name="from"/> on: students of its class (J-4, J-5); anyone else is refused. Who
    /// leaves the group leaves it that day — the group's lessons before it stay theirs (attendance, the journal's page);
    /// who joins joins that day. A group's first list is from its start. Without a date the change is as of the start.
    /// </summary>
    public Task<Result<ClassGroup>> SetMembersAsync(Actor actor, Guid groupId, IReadOnlyCollection<Guid> studentIds, DateOnly? from = null,
        CancellationToken ct = default) =>
        db.WriteAsync<Result<ClassGroup>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, c);
            if (group is null) return JournalErrors.NotFound("Групу");
            if (await db.EnsureClassYearOpenAsync(group.ClassId, c) is { IsSuccess: false } closed) return closed.Error!;
            if (from is { } day)
            {
                var year = await db.Classes.AsNoTracking().Where(k => k.Id == group.ClassId)
                    .Join(db.SchoolYears, k => k.SchoolYearId, y => y.Id, (k, y) => y).FirstAsync(c);
                if (day < year.Semester1Start || day > year.Semester2End)
                    return new DomainError("group.from", $"Дата зміни складу — у межах навчального року ({year.Semester1Start:dd.MM.yyyy}–{year.Semester2End:dd.MM.yyyy}).");
            }

            var inClass = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == group.ClassId).Select(e => e.StudentId).Distinct().ToListAsync(c);
            if (studentIds.Any(id => !inClass.Contains(id))) return new DomainError("group.student", "До групи можна включити лише учнів цього класу.");
            var current = group.CurrentMembers;
            var first = group.Members.Count == 0;
            foreach (var gone in current.Where(id => !studentIds.Contains(id))) group.Remove(gone, from);
            foreach (var id in studentIds) group.Add(id, first ? null : from);
            Audit(actor, group.SchoolId, nameof(ClassGroup), group.Id, AuditAction.Changed, $"учнів: {current.Count}", $"учнів: {group.CurrentMembers.Count}",
                $"склад групи · {group.Name}" + (from is { } d && !first ? $" · з {d:dd.MM.yyyy}" : ""));
            await db.SaveChangesAsync(c);
            return group;
        }, ct);

    /// <summary>A teacher teaches a subject in a class or in one of its groups (J-5); the same assignment twice is refused.</summary>
    public Task<Result<TeachingAssignment>> AssignAsync(Actor actor, Guid teacherId, Guid classId, Guid subjectId, Guid? groupId, CancellationToken ct = default) =>
        db.WriteAsync<Result<TeachingAssignment>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return new DomainError("assignment.class", "Оберіть клас.");
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;
            var teacher = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == teacherId && s.SchoolId == cls.SchoolId, c);
            if (teacher is null) return new DomainError("assignment.teacher", "Оберіть учителя.");
            if (!teacher.IsActive) return new DomainError("assignment.teacher", $"{teacher.FullName}: працівника деактивовано.");
            if (!teacher.Has(StaffRoles.Teacher)) return new DomainError("assignment.teacher", $"{teacher.FullName} не має ролі вчителя: додайте її на сторінці «Працівники».");
            var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.SchoolId == cls.SchoolId, c);
            if (subject is null) return new DomainError("assignment.subject", "Оберіть предмет.");
            ClassGroup? group = null;
            if (groupId is { } gid)
            {
                group = await db.Groups.AsNoTracking().IgnoreAutoIncludes().FirstOrDefaultAsync(g => g.Id == gid, c);
                if (group is null || group.ClassId != classId || group.SubjectId != subjectId)
                    return new DomainError("assignment.group", $"Ця група не є групою {cls.Name} з предмета «{subject.Name}».");
            }

            if (await db.TeachingAssignments.AnyAsync(a => a.TeacherId == teacherId && a.ClassId == classId && a.SubjectId == subjectId && a.GroupId == groupId, c))
                return new DomainError("assignment.duplicate", $"{teacher.ShortName} уже веде {ClassGroup.PageTitle(subject.Name, group?.Name)} у {cls.Name}.");
            var assignment = new TeachingAssignment(cls.SchoolId, teacherId, classId, subjectId, groupId);
            db.TeachingAssignments.Add(assignment);
            Audit(actor, cls.SchoolId, nameof(TeachingAssignment), assignment.Id, AuditAction.Created, null, teacher.FullName,
                $"{cls.Name} · {ClassGroup.PageTitle(subject.Name, group?.Name)}");
            await db.SaveChangesAsync(c);
            return assignment;
        }, ct);

    /// <summary>Ends an assignment; refused while the weekly timetable still gives the teacher that subject's lessons.</summary>
    public Task<Result<bool>> UnassignAsync(Actor actor, Guid assignmentId, DateOnly today, CancellationToken ct = default) =>
        db.WriteAsync<Result<bool>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var a = await db.TeachingAssignments.FirstOrDefaultAsync(x => x.Id == assignmentId, c);
            if (a is null) return JournalErrors.NotFound("Призначення");
            if (await db.EnsureClassYearOpenAsync(a.ClassId, c) is { IsSuccess: false } closed) return closed.Error!;
            var inTimetable = await db.Timetable.AsNoTracking()
                .Where(t => t.ClassId == a.ClassId && t.SubjectId == a.SubjectId && t.TeacherId == a.TeacherId && (t.ValidTo == null || t.ValidTo >= today))
                .AnyAsync(c);
            if (inTimetable) return new DomainError("assignment.in_timetable", "Цей учитель має ці уроки в розкладі: спершу змініть розклад.");
            db.TeachingAssignments.Remove(a);
            Audit(actor, a.SchoolId, nameof(TeachingAssignment), a.Id, AuditAction.Deleted, a.TeacherId.ToString(), null, "призначення");
            await db.SaveChangesAsync(c);
            return true;
        }, ct);

    private void Audit(Actor actor, Guid schoolId, string entity, Guid id, AuditAction action, string? before, string? after, string context) =>
        db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, entity, id, action, before, after, context);

    private static string Describe(Subject s)
    {
        var t = s.Traits;
        var traits = new List<string> { s.Kind switch { SubjectKind.Elective => "курс за вибором", SubjectKind.Optional => "факультатив", _ => "предмет" } };
        if (t.IsLanguageOrLiterature) traits.Add("мова/література");
        if (t.IsForeignLanguage) traits.Add("іноземна мова");
        if (t.IsPhysicalEducation) traits.Add("фізкультура");
        if (t.IsDefenceOfUkraine) traits.Add("Захист України");
        if (t.Notebook != NotebookPolicy.NotApplicable) traits.Add($"зошит: {t.Notebook}");
        if (t.IsVerbalInGrades3To4) traits.Add("3–4 класи: вербальне оцінювання");
        return $"{s.Name} ({string.Join(", ", traits)}); скорочення: {s.Aliases}";
    }
}
