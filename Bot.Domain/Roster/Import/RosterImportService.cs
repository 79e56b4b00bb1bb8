using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Roster.Import;

/// <summary>
/// Imports a school's roster from a file of the <see cref="RosterColumns"/> format into the current school year.
/// <see cref="PreviewAsync"/> says what would happen and lists every bad row; <see cref="CommitAsync"/> checks again
/// and writes everything in one transaction, or nothing when any row is bad. Importing the same file again changes
/// nothing; a changed file updates: students are matched by name, class and birth date, their guardians by name.
/// An import never removes anyone: leaving is recorded on the student's page.
/// New students of a class that has no list yet form the list at the start of the year (alphabetical, J-4); new
/// students of a class that has one arrive today and go to the end of it.
/// </summary>
public sealed class RosterImportService(JournalDbContext db, TimeProvider clock)
{
    private static readonly DomainError Rights = new("auth.roster", "Списки класів імпортує адміністрація школи (директор або заступник).");

    public Task<ImportPlan> PreviewAsync(Guid schoolId, IReadOnlyList<RosterFileRow> rows, CancellationToken ct = default) =>
        RunAsync(null, schoolId, rows, commit: false, ct);

    public async Task<Result<ImportPlan>> CommitAsync(Actor actor, Guid schoolId, IReadOnlyList<RosterFileRow> rows, CancellationToken ct = default)
    {
        if (!actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return Rights;
        return await db.WriteAsync(c => RunAsync(actor, schoolId, rows, commit: true, c), ct);
    }

    private async Task<ImportPlan> RunAsync(Actor? actor, Guid schoolId, IReadOnlyList<RosterFileRow> raw, bool commit, CancellationToken ct)
    {
        var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return ImportPlan.Unreadable("Школу не знайдено.");
        var today = SchoolTime.Today(clock, school.TimeZone);
        var years = await db.SchoolYears.Where(y => y.SchoolId == schoolId).ToListAsync(ct);
        var year = SchoolYears.Current(years, today) ?? years.Where(y => y.StartsOn > today).OrderBy(y => y.StartsOn).FirstOrDefault();
        if (year is null) return ImportPlan.Unreadable("У школи немає поточного навчального року: спершу створіть його.");
        if (year.IsClosed) return ImportPlan.Unreadable($"Навчальний рік {year.Title} закрито: списки не змінюються.");
        if (raw.Count == 0) return ImportPlan.Unreadable("У файлі немає жодного рядка з учнями.");

        var problems = new List<ImportProblem>();
        var rows = new List<ImportRow>();
        foreach (var r in raw)
        {
            var (row, problem) = ImportRowParser.Parse(r, today);
            if (problem is not null) problems.Add(problem);
            else rows.Add(row!);
        }

        var state = await SchoolRoster.LoadAsync(db, school, year, ct);
        var plan = new PlanBuilder(state, year, today);
        foreach (var row in rows) plan.Add(row, problems);
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        var result = plan.Result(problems, raw.Count);
        if (!commit || !result.CanCommit) return result;

        plan.Apply(db, actor!, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>The school's roster of the year as the import matches it.</summary>
    internal sealed class SchoolRoster
    {
        public required School School { get; init; }
        public required Dictionary<string, SchoolClass> Classes { get; init; }
        public required HashSet<Guid> ClassesWithList { get; init; }
        public required Dictionary<Guid, int> LastPosition { get; init; }

        /// <summary>Students enrolled in the year now or later, by (name key, birth date) → their class and record.</summary>
        public required Dictionary<(string Name, DateOnly Birth), List<(Student Student, Guid ClassId)>> Students { get; init; }
        public required Dictionary<Guid, List<(Guardian Guardian, GuardianStudent Link)>> GuardiansOf { get; init; }

        /// <summary>Guardians of the school by (name key, phone), to link a sibling's parent once.</summary>
        public required Dictionary<(string Name, string? Phone), Guardian> Guardians { get; init; }

        public static async Task<SchoolRoster> LoadAsync(JournalDbContext db, School school, SchoolYear year, CancellationToken ct)
        {
            var classes = await db.Classes.Where(c => c.SchoolYearId == year.Id).ToListAsync(ct);
            var classIds = classes.Select(c => c.Id).ToList();
            var enrolments = await db.Enrolments.Where(e => classIds.Contains(e.ClassId)).ToListAsync(ct);
            var studentIds = enrolments.Where(e => e.To == null).Select(e => e.StudentId).Distinct().ToList();
            var students = await db.Students.Where(s => s.SchoolId == school.Id && studentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            var links = await db.GuardianStudents.Where(l => studentIds.Contains(l.StudentId)).ToListAsync(ct);
            var guardians = await db.Guardians.Where(g => g.SchoolId == school.Id).ToListAsync(ct);
            var guardiansById = guardians.ToDictionary(g => g.Id);

            var byKey = new Dictionary<(string, DateOnly), List<(Student, Guid)>>();
            foreach (var e in enrolments.Where(e => e.To == null && students.ContainsKey(e.StudentId)))
            {
                var s = students[e.StudentId];
                if (s.BirthDate is not { } birth) continue;
                var key = (NameKey(s.LastName, s.FirstName, s.MiddleName), birth);
                if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                list.Add((s, e.ClassId));
            }

            return new SchoolRoster
            {
                School = school,
                Classes = classes.ToDictionary(c => c.Name.ToString()),
                ClassesWithList = enrolments.Select(e => e.ClassId).ToHashSet(),
                LastPosition = enrolments.GroupBy(e => e.ClassId).ToDictionary(g => g.Key, g => g.Max(e => e.ListPosition)),
                Students = byKey,
                GuardiansOf = links.Where(l => guardiansById.ContainsKey(l.GuardianId)).GroupBy(l => l.StudentId)
                    .ToDictionary(g => g.Key, g => g.Select(l => (guardiansById[l.GuardianId], l)).ToList()),
                Guardians = guardians.GroupBy(g => (NameKey(g.LastName, g.FirstName, g.MiddleName), g.Phone)).ToDictionary(g => g.Key, g => g.First()),
            };
        }
    }

    internal static string NameKey(string last, string first, string? middle) => UkrainianText.SearchKey($"{last} {first} {middle}".TrimEnd());
}
