using System.Diagnostics;
using Bot.Domain.Demo;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.Bench.Webhook;

/// <summary>A teacher's chat: who is behind it, their invite code, and the /mark commands they will type, in order.</summary>
internal sealed record TeacherChat(long ChatId, Guid StaffId, string Name, string FirstName, string InviteCode, IReadOnlyList<string> Commands);

/// <summary>
/// The data of a run: the demo school (seeded once into a template — a SQLite file or a PostgreSQL database — and copied
/// for every run), the teachers to link, and their commands — each a mark for a cell of one of the teacher's own pages
/// that is empty, built from the database the way a teacher would type it.
/// </summary>
internal static class BenchSchoolData
{
    public const long FirstChatId = 7_000_000;

    /// <summary>
    /// The seeded demo school: a SQLite file, or with --postgres a template database on that server (its name). Generated
    /// under a temporary name and renamed when complete, so an interrupted seeding is never taken for a template.
    /// </summary>
    public static Task<string> EnsureTemplateAsync(WebhookBenchOptions o) =>
        o.Postgres is { } admin ? EnsurePostgresTemplateAsync(o, admin) : EnsureSqliteTemplateAsync(o);

    /// <summary>A fresh copy of the template for one run.</summary>
    public static async Task<BenchDatabase> CopyForRunAsync(WebhookBenchOptions o, string template, int run) =>
        o.Postgres is { } admin ? await BenchDatabase.PostgresCopyAsync(admin, template, run) : BenchDatabase.SqliteCopy(template, run);

    private static async Task<string> EnsureSqliteTemplateAsync(WebhookBenchOptions o)
    {
        Directory.CreateDirectory(o.DataDirectory);
        var file = Path.Combine(o.DataDirectory, $"{TemplateName(o)}.db");
        if (!o.Fresh && File.Exists(file)) return file;

        var partial = file + ".partial";
        BenchDatabase.DeleteSqlite(file);
        BenchDatabase.DeleteSqlite(partial);
        await using (var db = JournalDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={partial}"))
        {
            await SeedAsync(db, o, file);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
        File.Move(partial, file);
        foreach (var f in new[] { partial + "-wal", partial + "-shm" }) File.Delete(f);
        return file;
    }

    private static async Task<string> EnsurePostgresTemplateAsync(WebhookBenchOptions o, string admin)
    {
        var name = TemplateName(o).Replace('-', '_');
        var exists = await BenchDatabase.ExecuteAsync<object>(admin, $"SELECT 1 FROM pg_database WHERE datname = '{name}'") is not null;
        if (exists && !o.Fresh) return name;

        var partial = name + "_partial";
        foreach (var n in new[] { name, partial }) await BenchDatabase.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)");
        await BenchDatabase.ExecuteAsync(admin, $"CREATE DATABASE \"{partial}\" ENCODING 'UTF8'");
        await using (var db = JournalDatabase.Create(DatabaseProvider.PostgreSQL, new NpgsqlConnectionStringBuilder(admin) { Database = partial }.ConnectionString))
            await SeedAsync(db, o, $"database {name}");

        // A template database cannot be copied while anyone is connected to it.
        NpgsqlConnection.ClearAllPools();
        await BenchDatabase.ExecuteAsync(admin, $"ALTER DATABASE \"{partial}\" RENAME TO \"{name}\"");
        return name;
    }

    private static string TemplateName(WebhookBenchOptions o) => $"webhook-demo-x{o.Scale}-{o.Today:yyyyMMdd}-d{o.DaysBack}-v1";

    /// <summary>The demo school (ADR 0010: through the journal's own write path) as of the bot's clock, on either provider.</summary>
    private static async Task SeedAsync(JournalDbContext db, WebhookBenchOptions o, string where)
    {
        var sw = Stopwatch.StartNew();
        await JournalDatabase.MigrateAsync(db);
        var summary = await DemoSchool.SeedAsync(db, new DemoSchoolOptions
        {
            Today = o.Today, TimeOfDay = TimeOnly.FromDateTime(o.At), Scale = o.Scale, DaysBack = o.DaysBack,
        });
        Console.WriteLine($"(seeded the demo school in {sw.Elapsed.TotalSeconds:F0} s: {summary.Classes} classes, {summary.Students} students, " +
            $"{summary.Staff} staff, {summary.Lessons} lessons, {summary.Marks} marks; {where})");
    }

    /// <summary>
    /// The teachers with the most empty cells they may mark (each must have enough for every command of the run), an
    /// invite for each (made by the system, as the `invites create` verb does), and their commands.
    /// </summary>
    public static async Task<IReadOnlyList<TeacherChat>> PrepareTeachersAsync(BenchDatabase database, WebhookBenchOptions o, TimeProvider clock)
    {
        await using var db = database.Open();
        // A template seeded by an older build lacks the migrations added since: bring the copy up to date first.
        await JournalDatabase.MigrateAsync(db);
        var cells = await EmptyCellsAsync(db, o.Today);
        var needed = o.CommandsPerTeacher;
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var chosen = cells
            .Where(c => c.Value.Count >= needed)
            .OrderByDescending(c => c.Value.Count).ThenBy(c => staff[c.Key].SortKey, StringComparer.Ordinal)
            .Take(o.Teachers)
            .ToList();
        if (chosen.Count < o.Teachers)
            throw new InvalidOperationException($"Only {chosen.Count} teachers have {needed} empty cells to mark (of {cells.Count} with any); " +
                "use a larger --scale, fewer --updates or fewer --teachers.");

        var invites = new InviteService(db, clock, new LinkingSettings());
        var teachers = new List<TeacherChat>();
        var random = new Random(20261119);
        foreach (var (staffId, teacherCells) in chosen)
        {
            var invite = (await invites.CreateAsync(Actor.System("Бенчмарк"), PersonKind.Staff, staffId)).GetValueOrThrow();
            var person = staff[staffId];
            // A teacher marks a lesson's students one after another: lessons in a random order, students in list order.
            var commands = teacherCells
                .GroupBy(c => (c.Page, c.Date))
                .OrderBy(_ => random.Next())
                .SelectMany(g => g)
                .Take(needed)
                .Select(c => c.Command(o.Today))
                .ToList();
            teachers.Add(new TeacherChat(FirstChatId + teachers.Count, staffId, person.FullName, person.FirstName, invite.Code, commands));
        }

        return teachers;
    }

    private sealed record PageKey(Guid ClassId, string ClassName, Guid SubjectId, string SubjectName, Guid? GroupId);

    private sealed record Cell(PageKey Page, DateOnly Date, int ListOrder, string StudentWords, string Value)
    {
        /// <summary>"/mark 7-А алгебра Іваненко 10" (today's lesson) or "/mark 7-А «Українська мова» Бондар Ірина 9 17.11".</summary>
        public string Command(DateOnly today)
        {
            var subject = Page.SubjectName.Contains(' ') ? $"«{Page.SubjectName}»" : Page.SubjectName;
            var text = $"/mark {Page.ClassName} {subject} {StudentWords} {Value}";
            return Date == today ? text : $"{text} {Date:dd.MM}";
        }
    }

    /// <summary>
    /// Per teacher: the cells of their pages on the school days of the last <see cref="JournalSettings.LateMarkDays"/>
    /// days (a teacher may still mark those; older ones need a deputy) when the timetable has the page's lesson, for each
    /// student in the class (and group) then, with no mark or absence of that subject on that day. The mark is one the
    /// demo's teachers already gave on that page, so it fits the grade's scale and the subject.
    /// </summary>
    private static async Task<Dictionary<Guid, List<Cell>>> EmptyCellsAsync(JournalDbContext db, DateOnly today)
    {
        var school = await db.Schools.AsNoTracking().SingleAsync();
        var year = SchoolYears.Current(await db.SchoolYears.AsNoTracking().Include(y => y.Holidays).Where(y => y.SchoolId == school.Id).ToListAsync(), today)
            ?? throw new InvalidOperationException($"The demo school has no school year on {today}.");
        var from = today.AddDays(-new JournalSettings().LateMarkDays);
        var days = Enumerable.Range(0, today.DayNumber - from.DayNumber + 1).Select(from.AddDays).Where(year.IsSchoolDay).ToList();

        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToDictionaryAsync(c => c.Id);
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var assignments = (await db.TeachingAssignments.AsNoTracking().ToListAsync()).Where(a => classes.ContainsKey(a.ClassId)).ToList();
        var timetable = await db.Timetable.AsNoTracking().ToListAsync();
        var students = await db.Students.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var enrolments = (await db.Enrolments.AsNoTracking().ToListAsync()).Where(e => classes.ContainsKey(e.ClassId)).ToLookup(e => e.ClassId);
        var members = (await db.GroupMemberships.AsNoTracking().ToListAsync()).ToLookup(m => m.GroupId, m => m.StudentId);
        var taken = (await db.Marks.AsNoTracking().Where(m => m.Date >= from).Select(m => new { m.StudentId, m.SubjectId, m.Date }).ToListAsync())
            .Concat(await db.Absences.AsNoTracking().Where(a => a.Date >= from).Select(a => new { a.StudentId, a.SubjectId, a.Date }).ToListAsync())
            .Select(x => (x.StudentId, x.SubjectId, x.Date)).ToHashSet();
        var values = (await db.Marks.AsNoTracking().Where(m => m.Column == MarkColumn.Current)
                .Select(m => new { m.ClassId, m.SubjectId, m.StudentId, m.Value }).ToListAsync())
            .Where(m => students[m.StudentId].StudyMode != StudyMode.Individual && m.Value.Kind is MarkKind.Points or MarkKind.Level or MarkKind.Formed)
            .GroupBy(m => (m.ClassId, m.SubjectId))
            .ToDictionary(g => g.Key, g => g.Select(m => m.Value.Text).Distinct().Order(StringComparer.Ordinal).ToList());

        var random = new Random(7);
        var result = new Dictionary<Guid, List<Cell>>();
        foreach (var a in assignments)
        {
            if (!values.TryGetValue((a.ClassId, a.SubjectId), out var marks)) continue;
            var cls = classes[a.ClassId];
            var page = new PageKey(cls.Id, new ClassName(cls.Grade, cls.Letter).ToString(), a.SubjectId, subjects[a.SubjectId].Name, a.GroupId);
            // Who the teacher's roster holds (enrolled until today or later), and how to name each so only they fit.
            var roster = enrolments[cls.Id].Where(e => e.To is null || e.To >= today).Select(e => (Enrolment: e, Student: students[e.StudentId]))
                .Where(x => x.Student.StudyMode != StudyMode.Individual)
                .OrderBy(x => x.Student.SortKey, StringComparer.Ordinal).ToList();
            var inGroup = a.GroupId is { } g ? members[g].ToHashSet() : null;
            var list = result.TryGetValue(a.TeacherId, out var l) ? l : result[a.TeacherId] = [];
            foreach (var day in days)
            {
                var hasLesson = timetable.Any(t => t.ClassId == a.ClassId && t.SubjectId == a.SubjectId && t.Day == day.DayOfWeek
                    && (t.GroupId == null || t.GroupId == a.GroupId) && t.AppliesOn(day));
                if (!hasLesson) continue;
                for (var i = 0; i < roster.Count; i++)
                {
                    var (enrolment, student) = roster[i];
                    if (!enrolment.IsActiveOn(day) || inGroup?.Contains(student.Id) == false || taken.Contains((student.Id, a.SubjectId, day))) continue;
                    var words = NameFor(student, roster.Select(x => x.Student));
                    if (words is null) continue;
                    list.Add(new Cell(page, day, i, words, marks[random.Next(marks.Count)]));
                }
            }
        }

        return result;
    }

    /// <summary>The surname when no one else in the class has it, else surname and first name; null if even that is shared.</summary>
    private static string? NameFor(Student student, IEnumerable<Student> classmates)
    {
        var others = classmates.Where(s => s.Id != student.Id).ToList();
        if (others.All(s => !string.Equals(s.LastName, student.LastName, StringComparison.OrdinalIgnoreCase))) return student.LastName;
        return others.Any(s => string.Equals(s.LastName, student.LastName, StringComparison.OrdinalIgnoreCase)
                               && string.Equals(s.FirstName, student.FirstName, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"{student.LastName} {student.FirstName}";
    }
}
