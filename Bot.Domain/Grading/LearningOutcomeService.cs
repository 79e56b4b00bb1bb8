using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Grading;

/// <summary>A row of a field's list of outcomes as the deputy edits it: an existing outcome (its id) or a new one.</summary>
public sealed record LearningOutcomeInput(Guid? Id, string? Code, string? Title);

/// <summary>A student's level of an outcome as the class teacher saves it; no level clears it.</summary>
public sealed record OutcomeResultInput(Guid StudentId, Guid OutcomeId, OutcomeLevel? Level);

/// <summary>The year's educational fields, in order, with their outcomes and subjects.</summary>
public sealed record OutcomeSetup(IReadOnlyList<EducationalField> Fields, ILookup<Guid, LearningOutcome> Outcomes, ILookup<Guid, Guid> Subjects)
{
    public static readonly OutcomeSetup Empty = new([], Enumerable.Empty<LearningOutcome>().ToLookup(o => o.FieldId), Enumerable.Empty<Guid>().ToLookup(g => g));
}

/// <summary>
/// The primary grades' learning outcomes (docs/rules.md N-20, N-21): the educational fields of a school year with their
/// expected outcomes and subjects (seeded from <see cref="LearningOutcomeCatalogue"/>, edited by the deputy or the
/// director), and the year's level per outcome and student of grades 1–2, written by the class teacher in the annual
/// mark's window (ADR 0033). Every write goes through the write path (<see cref="JournalDbContext.WriteAsync{T}"/>) with
/// an audit record naming the actor; refusals are Ukrainian messages and change nothing.
/// </summary>
public sealed class LearningOutcomeService(JournalDbContext db, TimeProvider clock)
{
    public const int MaxOutcomes = 12;
    public const int MaxFields = 16;

    public static readonly DomainError NotPrimary =
        new("outcome.grade", "Результати за очікуваними результатами навчання записують лише в 1–2 класах.");

    public static readonly DomainError NotClassTeacher =
        new("outcome.rights", "Результати навчального року записує класний керівник цього класу (або заступник директора чи директор).");

    public static readonly DomainError DescriptionNotClassTeacher =
        new("certificate.rights", "Характеристику навчальної діяльності пише класний керівник цього класу (або заступник директора чи директор).");

    public async Task<OutcomeSetup> ForYearAsync(Guid schoolId, Guid yearId, CancellationToken ct = default)
    {
        var fields = (await db.EducationalFields.AsNoTracking().Where(f => f.SchoolId == schoolId && f.SchoolYearId == yearId).ToListAsync(ct))
            .OrderBy(f => f.Number).ToList();
        var ids = fields.Select(f => f.Id).ToList();
        var outcomes = (await db.LearningOutcomes.AsNoTracking().Where(o => o.SchoolYearId == yearId && o.SchoolId == schoolId).ToListAsync(ct))
            .OrderBy(o => o.Number).ToLookup(o => o.FieldId);
        var subjects = (await db.EducationalFieldSubjects.AsNoTracking().Where(s => ids.Contains(s.FieldId)).ToListAsync(ct))
            .ToLookup(s => s.FieldId, s => s.SubjectId);
        return new OutcomeSetup(fields, outcomes, subjects);
    }

    /// <summary>N-20: adds the catalogue's fields the year does not have yet (by name), with their outcomes and subjects. Returns how many.</summary>
    public Task<Result<int>> SeedDefaultsAsync(Actor actor, Guid schoolId, Guid yearId, CancellationToken ct = default) =>
        db.WriteAsync<Result<int>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId && y.SchoolId == schoolId, c);
            if (year is null) return JournalErrors.NotFound("Навчальний рік");
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            var count = await AddDefaultsAsync(actor, schoolId, year, c);
            if (count > 0) await db.SaveChangesAsync(c);
            return count;
        }, ct);

    /// <summary>For a new year: the previous year's fields as the school left them; the catalogue's if it had none. The caller saves.</summary>
    public async Task CarryOverAsync(Actor actor, Guid schoolId, SchoolYear newYear, Guid? previousYearId, CancellationToken ct = default)
    {
        var previous = previousYearId is { } p ? await ForYearAsync(schoolId, p, ct) : OutcomeSetup.Empty;
        if (previous.Fields.Count == 0)
        {
            await AddDefaultsAsync(actor, schoolId, newYear, ct);
            return;
        }

        foreach (var f in previous.Fields)
        {
            var field = new EducationalField(schoolId, newYear.Id, f.Number, f.Name);
            db.EducationalFields.Add(field);
            foreach (var o in previous.Outcomes[f.Id]) db.LearningOutcomes.Add(new LearningOutcome(schoolId, newYear.Id, field.Id, o.Number, o.Code, o.Title));
            foreach (var s in previous.Subjects[f.Id]) db.EducationalFieldSubjects.Add(new EducationalFieldSubject(schoolId, field.Id, s));
        }
    }

    /// <summary>
    /// A field as the deputy saved it: its name, its place, its subjects and its outcomes in order (codes unique, titles
    /// given). An outcome with students' results cannot be removed. A new field when <paramref name="fieldId"/> is null.
    /// </summary>
    public Task<Result<EducationalField>> SaveFieldAsync(Actor actor, Guid schoolId, Guid yearId, Guid? fieldId, string? name, int? number,
        IReadOnlyCollection<Guid> subjectIds, IReadOnlyList<LearningOutcomeInput> rows, CancellationToken ct = default) =>
        db.WriteAsync<Result<EducationalField>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId && y.SchoolId == schoolId, c);
            if (year is null) return JournalErrors.NotFound("Навчальний рік");
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            var title = (name ?? "").Trim();
            if (title.Length == 0) return new DomainError("outcome.field", "Вкажіть назву освітньої галузі.");
            if (title.Length > EducationalField.MaxNameLength) return new DomainError("outcome.field", $"Назва галузі — до {EducationalField.MaxNameLength} символів.");

            var fields = (await db.EducationalFields.Where(f => f.SchoolId == schoolId && f.SchoolYearId == yearId).ToListAsync(c)).OrderBy(f => f.Number).ToList();
            var field = fieldId is { } id ? fields.FirstOrDefault(f => f.Id == id) : null;
            if (fieldId is not null && field is null) return JournalErrors.NotFound("Освітню галузь");
            if (fields.Any(f => f.Id != field?.Id && string.Equals(f.Name, title, StringComparison.OrdinalIgnoreCase)))
                return new DomainError("outcome.field", $"Галузь «{title}» уже є в цьому році.");
            if (field is null && fields.Count >= MaxFields) return new DomainError("outcome.field", $"Освітніх галузей — не більше {MaxFields}.");
            var place = Math.Clamp(number ?? field?.Number ?? fields.Count + 1, 1, fields.Count + (field is null ? 1 : 0));

            var known = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId).Select(s => new { s.Id, s.Name }).ToListAsync(c);
            if (subjectIds.Any(s => known.All(k => k.Id != s))) return JournalErrors.NotFound("Предмет");

            var clean = rows.Select(r => (r.Id, Code: (r.Code ?? "").Trim(), Title: (r.Title ?? "").Trim()))
                .Where(r => r.Id is not null || r.Code.Length > 0 || r.Title.Length > 0).ToList();
            if (clean.Count > MaxOutcomes) return new DomainError("outcome.count", $"У галузі — не більше {MaxOutcomes} очікуваних результатів.");
            for (var i = 0; i < clean.Count; i++)
            {
                var r = clean[i];
                var code = r.Code.Length == 0 ? LearningOutcomeCatalogue.CodeOf(field?.Number ?? place, i + 1) : r.Code;
                if (r.Title.Length == 0) return new DomainError("outcome.title", $"{code}: вкажіть, який результат очікується.");
                if (code.Length > LearningOutcome.MaxCodeLength) return new DomainError("outcome.code", $"Позначення «{code}» задовге: до {LearningOutcome.MaxCodeLength} символів.");
                if (r.Title.Length > LearningOutcome.MaxTitleLength) return new DomainError("outcome.title", $"{code}: опис — до {LearningOutcome.MaxTitleLength} символів.");
                clean[i] = (r.Id, code, r.Title);
            }

            var twice = clean.GroupBy(r => r.Code.ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) return new DomainError("outcome.code", $"Позначення «{twice.First().Code}» повторюється: у кожного результату має бути своє.");

            var stored = field is null ? [] : (await db.LearningOutcomes.Where(o => o.FieldId == field.Id).ToListAsync(c)).OrderBy(o => o.Number).ToList();
            if (clean.Any(r => r.Id is { } x && stored.All(o => o.Id != x))) return JournalErrors.NotFound("Очікуваний результат");
            var removed = stored.Where(o => clean.All(r => r.Id != o.Id)).ToList();
            if (removed.Count > 0)
            {
                var removedIds = removed.Select(o => o.Id).ToList();
                var used = await db.OutcomeResults.AsNoTracking().Where(r => removedIds.Contains(r.LearningOutcomeId)).Select(r => r.LearningOutcomeId).Distinct().ToListAsync(c);
                if (used.Count > 0)
                {
                    var o = removed.First(x => used.Contains(x.Id));
                    return new DomainError("outcome.has_results", $"{o.Code} «{o.Title}» уже має результати учнів, тож його не можна вилучити: змініть опис або залиште.");
                }
            }

            var storedSubjects = field is null ? [] : await db.EducationalFieldSubjects.Where(s => s.FieldId == field.Id).ToListAsync(c);
            var before = field is null ? null : Describe(field.Name, storedSubjects.Select(s => s.SubjectId), stored, known.ToDictionary(k => k.Id, k => k.Name));

            var creating = field is null;
            if (field is null)
            {
                field = new EducationalField(schoolId, yearId, fields.Count + 1, title);
                db.EducationalFields.Add(field);
                fields.Add(field);
            }

            // The field takes its place; the others keep their order around it.
            var order = fields.Where(f => f.Id != field.Id).ToList();
            order.Insert(place - 1, field);
            for (var i = 0; i < order.Count; i++) order[i].Change(i + 1, order[i].Id == field.Id ? title : order[i].Name);

            foreach (var o in removed) db.LearningOutcomes.Remove(o);
            var result = new List<LearningOutcome>();
            for (var i = 0; i < clean.Count; i++)
            {
                var (oid, code, text) = clean[i];
                if (oid is { } existing)
                {
                    var o = stored.First(x => x.Id == existing);
                    o.Change(i + 1, code, text);
                    result.Add(o);
                }
                else
                {
                    var o = new LearningOutcome(schoolId, yearId, field.Id, i + 1, code, text);
                    db.LearningOutcomes.Add(o);
                    result.Add(o);
                }
            }

            var wanted = subjectIds.Distinct().ToHashSet();
            foreach (var s in storedSubjects.Where(s => !wanted.Contains(s.SubjectId))) db.EducationalFieldSubjects.Remove(s);
            foreach (var s in wanted.Where(s => storedSubjects.All(x => x.SubjectId != s))) db.EducationalFieldSubjects.Add(new EducationalFieldSubject(schoolId, field.Id, s));

            var after = Describe(title, wanted, result, known.ToDictionary(k => k.Id, k => k.Name));
            if (before != after)
                Audit(actor, schoolId, field.Id, creating ? AuditAction.Created : AuditAction.Changed, before, after, $"очікувані результати · {year.Title} · {title}");
            await db.SaveChangesAsync(c);
            return field;
        }, ct);

    /// <summary>The year's levels of a class's students, by student and outcome.</summary>
    public async Task<Dictionary<(Guid Student, Guid Outcome), OutcomeLevel>> ResultsAsync(Guid classId, CancellationToken ct = default) =>
        (await db.OutcomeResults.AsNoTracking().Where(r => r.ClassId == classId).ToListAsync(ct))
        .ToDictionary(r => (r.StudentId, r.LearningOutcomeId), r => r.Level);

    /// <summary>The window in which the year's levels are written: the annual mark's (M-8, ADR 0033).</summary>
    public static DateWindow Window(SchoolYear year, School school) => PeriodMarkWindows.For(MarkColumn.Annual, year, school.PeriodMarkDays)!;

    /// <summary>
    /// N-21: the class teacher's (or an administrator's) levels for a class of grade 1–2, in the annual mark's window,
    /// only for students of the class and outcomes of its year. One audit record per changed level.
    /// </summary>
    public Task<Result<int>> SaveResultsAsync(Actor actor, Guid classId, IReadOnlyList<OutcomeResultInput> inputs, CancellationToken ct = default) =>
        db.WriteAsync<Result<int>>(async c =>
        {
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (cls.Grade > 2) return NotPrimary;
            var mayWrite = actor.IsSystem || actor.Roles.CanCorrectAnyJournal() || (actor.StaffId is { } me && cls.ClassTeacherId == me);
            if (!mayWrite) return NotClassTeacher;
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;
            var year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, c);
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == cls.SchoolId, c);
            var today = SchoolTime.Today(clock, school.TimeZone);
            var window = Window(year, school);
            if (!window.Contains(today))
                return new DomainError(JournalErrors.PeriodWindowCode,
                    $"Результати навчального року можна записати {window.Text}.{(today > window.To ? " Цей строк минув." : "")}");

            var studentIds = inputs.Select(i => i.StudentId).Distinct().ToList();
            var students = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId && studentIds.Contains(e.StudentId))
                .Join(db.Students, e => e.StudentId, s => s.Id, (e, s) => s).ToListAsync(c);
            var outcomeIds = inputs.Select(i => i.OutcomeId).Distinct().ToList();
            var outcomes = await db.LearningOutcomes.AsNoTracking().Where(o => outcomeIds.Contains(o.Id) && o.SchoolYearId == cls.SchoolYearId).ToListAsync(c);
            if (studentIds.Any(id => students.All(s => s.Id != id))) return JournalErrors.NotFound("Учня цього класу");
            if (outcomeIds.Any(id => outcomes.All(o => o.Id != id))) return JournalErrors.NotFound("Очікуваний результат цього року");

            var stored = await db.OutcomeResults.Where(r => r.ClassId == classId && studentIds.Contains(r.StudentId) && outcomeIds.Contains(r.LearningOutcomeId)).ToListAsync(c);
            var now = clock.GetUtcNow().UtcDateTime;
            var changed = 0;
            foreach (var input in inputs)
            {
                var row = stored.FirstOrDefault(r => r.StudentId == input.StudentId && r.LearningOutcomeId == input.OutcomeId);
                if (row?.Level == input.Level) continue;
                var student = students.First(s => s.Id == input.StudentId);
                var outcome = outcomes.First(o => o.Id == input.OutcomeId);
                var context = $"{cls.Name} · {student.FullName} · {outcome.Code} «{outcome.Title}» · результат навчального року";
                if (input.Level is not { } level)
                {
                    db.OutcomeResults.Remove(row!);
                    Audit(actor, cls.SchoolId, row!.Id, AuditAction.Deleted, row.Level.Text(), null, context, nameof(OutcomeResult));
                }
                else if (row is null)
                {
                    row = new OutcomeResult(cls.SchoolId, cls.SchoolYearId, classId, input.StudentId, input.OutcomeId, level, actor.StaffId, now);
                    db.OutcomeResults.Add(row);
                    stored.Add(row);
                    Audit(actor, cls.SchoolId, row.Id, AuditAction.Created, null, level.Text(), context, nameof(OutcomeResult));
                }
                else
                {
                    var old = row.Level;
                    row.Change(level, actor.StaffId, now);
                    Audit(actor, cls.SchoolId, row.Id, AuditAction.Changed, old.Text(), level.Text(), context, nameof(OutcomeResult));
                }

                changed++;
            }

            if (changed > 0) await db.SaveChangesAsync(c);
            return changed;
        }, ct);

    private async Task<int> AddDefaultsAsync(Actor actor, Guid schoolId, SchoolYear year, CancellationToken ct)
    {
        var have = (await db.EducationalFields.AsNoTracking().Where(f => f.SchoolYearId == year.Id).ToListAsync(ct))
            .Concat(db.EducationalFields.Local.Where(f => f.SchoolYearId == year.Id)).ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId && s.Kind != SubjectKind.Optional).ToListAsync(ct);
        var number = have.Count == 0 ? 0 : have.Max(f => f.Number);
        var count = 0;
        foreach (var typical in LearningOutcomeCatalogue.Fields)
        {
            if (have.Any(f => string.Equals(f.Name, typical.Name, StringComparison.OrdinalIgnoreCase))) continue;
            number++;
            var field = new EducationalField(schoolId, year.Id, number, typical.Name);
            db.EducationalFields.Add(field);
            var outcomes = typical.Outcomes.Select((t, i) => new LearningOutcome(schoolId, year.Id, field.Id, i + 1, LearningOutcomeCatalogue.CodeOf(number, i + 1), t)).ToList();
            db.LearningOutcomes.AddRange(outcomes);
            var mine = subjects.Where(s => LearningOutcomeCatalogue.Holds(typical, s.Name)).ToList();
            foreach (var s in mine) db.EducationalFieldSubjects.Add(new EducationalFieldSubject(schoolId, field.Id, s.Id));
            Audit(actor, schoolId, field.Id, AuditAction.Created, null, Describe(typical.Name, mine.Select(s => s.Id), outcomes, subjects.ToDictionary(s => s.Id, s => s.Name)),
                $"очікувані результати · {year.Title} · {typical.Name} · типові");
            count++;
        }

        return count;
    }

    /// <summary>The descriptions of the learning activity of a class's students for the class's school year (N-8).</summary>
    public async Task<Dictionary<Guid, string>> DescriptionsAsync(Guid classId, CancellationToken ct = default)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return [];
        var students = db.Enrolments.Where(e => e.ClassId == classId).Select(e => e.StudentId);
        return await db.CertificateDescriptions.AsNoTracking().Where(d => d.SchoolYearId == cls.SchoolYearId && students.Contains(d.StudentId))
            .ToDictionaryAsync(d => d.StudentId, d => d.Text, ct);
    }

    /// <summary>
    /// Writes (or, blank, clears) the description of a student's learning activity for the year of the class the student is
    /// in, printed on the свідоцтво досягнень (N-8): the class teacher of that class, a deputy or the director, while the
    /// year is open; at most <see cref="CertificateDescription.MaxTextLength"/> characters; audited. True when it changed.
    /// </summary>
    public Task<Result<bool>> SaveDescriptionAsync(Actor actor, Guid classId, Guid studentId, string? text, CancellationToken ct = default) =>
        db.WriteAsync<Result<bool>>(async c =>
        {
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            var mayWrite = actor.IsSystem || actor.Roles.CanCorrectAnyJournal() || (actor.StaffId is { } me && cls.ClassTeacherId == me);
            if (!mayWrite) return DescriptionNotClassTeacher;
            var value = VisibleText.Normalize(text);
            if (value.Length > CertificateDescription.MaxTextLength)
                return new DomainError("certificate.description", $"Характеристика задовга: {value.Length} символів, можна не більше {CertificateDescription.MaxTextLength}.");
            var student = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId && e.StudentId == studentId)
                .Join(db.Students, e => e.StudentId, s => s.Id, (e, s) => s).FirstOrDefaultAsync(c);
            if (student is null) return JournalErrors.NotFound("Учня цього класу");
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;

            var row = await db.CertificateDescriptions.FirstOrDefaultAsync(d => d.SchoolYearId == cls.SchoolYearId && d.StudentId == studentId, c);
            if ((row?.Text ?? "") == value) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            var context = $"{cls.Name} · {student.FullName} · характеристика навчальної діяльності (свідоцтво досягнень)";
            if (value.Length == 0)
            {
                db.CertificateDescriptions.Remove(row!);
                Audit(actor, cls.SchoolId, row!.Id, AuditAction.Deleted, row.Text, null, context, nameof(CertificateDescription));
            }
            else if (row is null)
            {
                row = new CertificateDescription(cls.SchoolId, cls.SchoolYearId, studentId, value, actor.StaffId, now);
                db.CertificateDescriptions.Add(row);
                Audit(actor, cls.SchoolId, row.Id, AuditAction.Created, null, value, context, nameof(CertificateDescription));
            }
            else
            {
                var old = row.Text;
                row.Change(value, actor.StaffId, now);
                Audit(actor, cls.SchoolId, row.Id, AuditAction.Changed, old, value, context, nameof(CertificateDescription));
            }

            await db.SaveChangesAsync(c);
            return true;
        }, ct);

    private void Audit(Actor actor, Guid schoolId, Guid entityId, AuditAction action, string? before, string? after, string context,
        string entityType = nameof(EducationalField)) =>
        db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, entityType, entityId, action, before, after, context);

    private static string Describe(string name, IEnumerable<Guid> subjects, IEnumerable<LearningOutcome> outcomes, IReadOnlyDictionary<Guid, string> names)
    {
        var s = subjects.Select(id => names.TryGetValue(id, out var n) ? n : "?").Order(StringComparer.Ordinal).ToList();
        return $"{name}" + (s.Count > 0 ? $" ({string.Join(", ", s)})" : "") + ": " + string.Join("; ", outcomes.Select(o => o.ToString()));
    }
}
