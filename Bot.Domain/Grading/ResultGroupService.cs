using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Grading;

/// <summary>A row of a subject's list of groups of outcomes as the deputy edits it: an existing group (its id) or a new one.</summary>
public sealed record ResultGroupInput(Guid? Id, string? Code, string? Title);

/// <summary>
/// The НУШ setup of a school (N-1, N-5, N-6, N-9): which classes are НУШ (a flag per class), each subject's ordered groups
/// of learning outcomes per school year (seeded from <see cref="ResultGroupCatalogue"/>, edited by the deputy or the
/// director), and whether НУШ classes keep "Тематична". Every change is audited; refusals are Ukrainian messages.
/// </summary>
public sealed class ResultGroupService(JournalDbContext db, TimeProvider clock)
{
    /// <summary>More groups than this in one subject is a typing error, not a programme.</summary>
    public const int MaxGroups = 8;

    /// <summary>The groups of the school's subjects in a year, by subject, in their order.</summary>
    public async Task<ILookup<Guid, ResultGroup>> ForYearAsync(Guid schoolId, Guid yearId, CancellationToken ct = default) =>
        (await db.ResultGroups.AsNoTracking().Where(g => g.SchoolId == schoolId && g.SchoolYearId == yearId).ToListAsync(ct))
        .OrderBy(g => g.Number).ToLookup(g => g.SubjectId);

    /// <summary>
    /// N-6: gives every subject of the school the catalogue knows, and that has no groups in the year yet, its typical
    /// groups; subjects with groups keep theirs. Returns how many subjects got groups.
    /// </summary>
    public Task<Result<int>> SeedDefaultsAsync(Actor actor, Guid schoolId, Guid yearId, CancellationToken ct = default) =>
        db.WriteAsync<Result<int>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId && y.SchoolId == schoolId, c);
            if (year is null) return JournalErrors.NotFound("Навчальний рік");
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            var count = AddDefaults(actor, schoolId, year,
                await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId && s.Kind != SubjectKind.Optional).ToListAsync(c),
                (await db.ResultGroups.AsNoTracking().Where(g => g.SchoolYearId == yearId).Select(g => g.SubjectId).Distinct().ToListAsync(c)).ToHashSet());
            if (count > 0) await db.SaveChangesAsync(c);
            return count;
        }, ct);

    /// <summary>
    /// For a new year (<see cref="Archive.NextYearService"/>, the demo): the previous year's lists as the school left them,
    /// and the catalogue's for subjects that had none. Adds to the context; the caller saves.
    /// </summary>
    public async Task CarryOverAsync(Actor actor, Guid schoolId, SchoolYear newYear, Guid? previousYearId, CancellationToken ct = default)
    {
        var subjects = await db.Subjects.AsNoTracking().Where(s => s.SchoolId == schoolId && s.Kind != SubjectKind.Optional).ToListAsync(ct);
        var previous = previousYearId is { } p
            ? (await db.ResultGroups.AsNoTracking().Where(g => g.SchoolYearId == p).ToListAsync(ct)).OrderBy(g => g.Number).ToLookup(g => g.SubjectId)
            : Enumerable.Empty<ResultGroup>().ToLookup(g => g.SubjectId);
        var done = new HashSet<Guid>();
        foreach (var subject in subjects.Where(s => previous[s.Id].Any()))
        {
            foreach (var g in previous[subject.Id]) db.ResultGroups.Add(new ResultGroup(schoolId, newYear.Id, subject.Id, g.Number, g.Code, g.Title));
            done.Add(subject.Id);
        }

        AddDefaults(actor, schoolId, newYear, subjects, done);
    }

    /// <summary>
    /// A subject's list for the year as the deputy saved it: rows in order (numbered from 1), codes unique, titles given;
    /// a group that already has marks cannot be removed.
    /// </summary>
    public Task<Result<IReadOnlyList<ResultGroup>>> SaveAsync(Actor actor, Guid schoolId, Guid yearId, Guid subjectId,
        IReadOnlyList<ResultGroupInput> rows, CancellationToken ct = default) =>
        db.WriteAsync<Result<IReadOnlyList<ResultGroup>>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId && y.SchoolId == schoolId, c);
            if (year is null) return JournalErrors.NotFound("Навчальний рік");
            var open = year.EnsureOpen();
            if (!open.IsSuccess) return open.Error;
            var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.SchoolId == schoolId, c);
            if (subject is null) return JournalErrors.NotFound("Предмет");

            var clean = rows.Select(r => (r.Id, Code: (r.Code ?? "").Trim(), Title: (r.Title ?? "").Trim()))
                .Where(r => r.Id is not null || r.Code.Length > 0 || r.Title.Length > 0).ToList();
            if (clean.Count > MaxGroups) return new DomainError("result_group.count", $"У предмета — не більше {MaxGroups} груп результатів.");
            for (var i = 0; i < clean.Count; i++)
            {
                var r = clean[i];
                var code = r.Code.Length == 0 ? ResultGroupCatalogue.CodeOf(i + 1) : r.Code;
                if (r.Title.Length == 0) return new DomainError("result_group.title", $"{code}: вкажіть назву групи результатів.");
                if (code.Length > ResultGroup.MaxCodeLength) return new DomainError("result_group.code", $"Позначення «{code}» задовге: до {ResultGroup.MaxCodeLength} символів.");
                if (r.Title.Length > ResultGroup.MaxTitleLength) return new DomainError("result_group.title", $"{code}: назва — до {ResultGroup.MaxTitleLength} символів.");
                clean[i] = (r.Id, code, r.Title);
            }

            var twice = clean.GroupBy(r => r.Code.ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) return new DomainError("result_group.code", $"Позначення «{twice.First().Code}» повторюється: у кожної групи має бути своє.");

            var stored = (await db.ResultGroups.Where(g => g.SchoolYearId == yearId && g.SubjectId == subjectId).ToListAsync(c)).OrderBy(g => g.Number).ToList();
            if (clean.Any(r => r.Id is { } id && stored.All(g => g.Id != id))) return JournalErrors.NotFound("Групу результатів");
            var removed = stored.Where(g => clean.All(r => r.Id != g.Id)).ToList();
            if (removed.Count > 0)
            {
                var removedIds = removed.Select(g => g.Id).ToList();
                var marked = await db.Marks.AsNoTracking().Where(m => m.ResultGroupId != null && removedIds.Contains(m.ResultGroupId.Value))
                    .Select(m => m.ResultGroupId).Distinct().ToListAsync(c);
                if (marked.Count > 0)
                {
                    var g = removed.First(x => marked.Contains(x.Id));
                    return new DomainError("result_group.has_marks", $"{g.Code} «{g.Title}» уже має оцінки учнів, тож її не можна вилучити: змініть назву або залиште.");
                }
            }

            var before = Describe(stored);
            foreach (var g in removed) db.ResultGroups.Remove(g);
            var result = new List<ResultGroup>();
            for (var i = 0; i < clean.Count; i++)
            {
                var (id, code, title) = clean[i];
                if (id is { } existing)
                {
                    var g = stored.First(x => x.Id == existing);
                    g.Change(i + 1, code, title);
                    result.Add(g);
                }
                else
                {
                    var g = new ResultGroup(schoolId, yearId, subjectId, i + 1, code, title);
                    db.ResultGroups.Add(g);
                    result.Add(g);
                }
            }

            var after = Describe(result);
            if (before == after) return result;
            Audit(actor, schoolId, subjectId, stored.Count == 0 ? AuditAction.Created : result.Count == 0 ? AuditAction.Deleted : AuditAction.Changed,
                before.Length == 0 ? null : before, after.Length == 0 ? null : after, $"групи результатів · {year.Title} · {subject.Name}");
            await db.SaveChangesAsync(c);
            return result;
        }, ct);

    /// <summary>N-1: a class is НУШ or not by the administration's word; the year must be open.</summary>
    public Task<Result<SchoolClass>> SetClassNusAsync(Actor actor, Guid classId, bool isNus, CancellationToken ct = default) =>
        db.WriteAsync<Result<SchoolClass>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var cls = await db.Classes.FirstOrDefaultAsync(k => k.Id == classId, c);
            if (cls is null) return JournalErrors.NotFound("Клас");
            if (await db.EnsureClassYearOpenAsync(classId, c) is { IsSuccess: false } closed) return closed.Error!;
            if (cls.IsNus == isNus) return cls;
            cls.SetNus(isNus);
            db.Audit(actor, cls.SchoolId, clock.GetUtcNow().UtcDateTime, nameof(SchoolClass), cls.Id, AuditAction.Changed,
                NusText(!isNus), NusText(isNus), $"{cls.Name} · клас НУШ");
            await db.SaveChangesAsync(c);
            return cls;
        }, ct);

    /// <summary>N-9: whether НУШ classes keep the "Тематична" column (the school's decision; on by default).</summary>
    public Task<Result<bool>> SetNusThematicAsync(Actor actor, Guid schoolId, bool on, CancellationToken ct = default) =>
        db.WriteAsync<Result<bool>>(async c =>
        {
            if (!SchoolSetupService.MaySetUp(actor)) return SchoolSetupService.SetupRights;
            var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, c);
            if (school is null) return JournalErrors.NotFound("Школу");
            if (school.NusThematic == on) return on;
            school.SetNusThematic(on);
            db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, nameof(Schools.School), schoolId, AuditAction.Changed,
                ThematicText(!on), ThematicText(on), "оцінювання в класах НУШ · тематична");
            await db.SaveChangesAsync(c);
            return on;
        }, ct);

    private int AddDefaults(Actor actor, Guid schoolId, SchoolYear year, IEnumerable<Subject> subjects, HashSet<Guid> skip)
    {
        var count = 0;
        foreach (var subject in subjects.Where(s => !skip.Contains(s.Id)))
        {
            var added = ResultGroupCatalogue.NewRows(schoolId, year.Id, subject);
            if (added.Count == 0) continue;
            db.ResultGroups.AddRange(added);
            Audit(actor, schoolId, subject.Id, AuditAction.Created, null, Describe(added), $"групи результатів · {year.Title} · {subject.Name} · типові");
            count++;
        }

        return count;
    }

    private void Audit(Actor actor, Guid schoolId, Guid subjectId, AuditAction action, string? before, string? after, string context) =>
        db.Audit(actor, schoolId, clock.GetUtcNow().UtcDateTime, nameof(ResultGroup), subjectId, action, before, after, context);

    private static string Describe(IEnumerable<ResultGroup> groups) => string.Join("; ", groups.Select(g => g.ToString()));

    private static string NusText(bool on) => on ? "клас НУШ" : "не НУШ";

    private static string ThematicText(bool on) => on ? "тематична є" : "без тематичної";
}
