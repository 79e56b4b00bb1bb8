using System.Globalization;
using Bot.Domain.Attendance;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Audit;

/// <summary>
/// The present against the trail (ADR 0037 decision 4): each mark and absence must hold the new value of the last audit
/// record of its entity, and each entity whose last record left a value must still have its row. A change made in the
/// database (<c>UPDATE "Marks" SET "Value" = '12'</c>, a <c>DELETE</c>) breaks one of the two and is named: class, student,
/// subject, lesson, the value in the record and in the table. Three set-based statements (each sees one snapshot of the
/// database); only the discrepancies found are read further, to name them.
/// </summary>
internal static class JournalReconciliation
{
    // Which record of an entity is its last: a sealed one by sequence; an unsealed one (sequence 0, ADR 0037 decision 1) is
    // newer than every sealed one, and unsealed ones follow their time, then their time-ordered id.
    private const string LastFirst = """CASE WHEN x."Sequence" = 0 THEN 1 ELSE 0 END DESC, x."Sequence" DESC, x."AtUtc" DESC, x."Id" DESC""";

    private static readonly string AbsenceText =
        "CASE a.\"Kind\" " + string.Concat(Enum.GetValues<AbsenceKind>().Select(k => $"WHEN '{k}' THEN '{AbsenceKinds.Text(k)}' ")) + "END";

    private static readonly string MarksSql = $"""
        SELECT m."Id" AS "EntityId", 'Mark' AS "EntityType", m."Value" AS "Current", r."NewValue" AS "Recorded", r."Sequence" AS "Sequence"
        FROM "Marks" AS m
        LEFT JOIN "AuditRecords" AS r ON r."Id" = (
            SELECT x."Id" FROM "AuditRecords" AS x
            WHERE x."SchoolId" = m."SchoolId" AND x."EntityId" = m."Id"
            ORDER BY {LastFirst}
            LIMIT 1)
        WHERE m."SchoolId" = @school AND (r."Id" IS NULL OR r."NewValue" IS NULL OR r."NewValue" <> m."Value")
        """;

    private static readonly string AbsencesSql = $"""
        SELECT a."Id" AS "EntityId", 'Absence' AS "EntityType", {AbsenceText} AS "Current", r."NewValue" AS "Recorded", r."Sequence" AS "Sequence"
        FROM "Absences" AS a
        LEFT JOIN "AuditRecords" AS r ON r."Id" = (
            SELECT x."Id" FROM "AuditRecords" AS x
            WHERE x."SchoolId" = a."SchoolId" AND x."EntityId" = a."Id"
            ORDER BY {LastFirst}
            LIMIT 1)
        WHERE a."SchoolId" = @school AND (r."Id" IS NULL OR r."NewValue" IS NULL OR r."NewValue" <> {AbsenceText})
        """;

    private static readonly string MissingSql = """
        SELECT r."EntityId" AS "EntityId", r."EntityType" AS "EntityType", CAST(NULL AS TEXT) AS "Current", r."NewValue" AS "Recorded", r."Sequence" AS "Sequence"
        FROM "AuditRecords" AS r
        WHERE r."SchoolId" = @school AND r."EntityType" IN ('Mark', 'Absence') AND r."NewValue" IS NOT NULL
          AND NOT EXISTS (
            SELECT 1 FROM "AuditRecords" AS x
            WHERE x."SchoolId" = r."SchoolId" AND x."EntityId" = r."EntityId" AND (
                 (x."Sequence" = 0 AND r."Sequence" <> 0)
              OR (r."Sequence" <> 0 AND x."Sequence" > r."Sequence")
              OR (x."Sequence" = 0 AND r."Sequence" = 0 AND (x."AtUtc" > r."AtUtc" OR (x."AtUtc" = r."AtUtc" AND x."Id" > r."Id")))))
          AND NOT EXISTS (SELECT 1 FROM "Marks" AS m WHERE m."Id" = r."EntityId")
          AND NOT EXISTS (SELECT 1 FROM "Absences" AS a WHERE a."Id" = r."EntityId")
        """;

    /// <summary>A mark or absence whose table row and last record disagree; <see cref="Current"/> null: the row is gone.</summary>
    internal sealed class Gap
    {
        public Guid EntityId { get; set; }
        public string EntityType { get; set; } = "";
        public string? Current { get; set; }
        public string? Recorded { get; set; }
        public long? Sequence { get; set; }
    }

    /// <summary>The discrepancies named (at most <paramref name="named"/>, then a count of the rest) and how many rows were reconciled.</summary>
    public static async Task<(List<string> Problems, long Reconciled)> FindAsync(JournalDbContext db, Guid schoolId, int named, CancellationToken ct)
    {
        var gaps = new List<Gap>();
        foreach (var sql in new[] { MarksSql, AbsencesSql, MissingSql })
            gaps.AddRange(await db.Database.SqlQueryRaw<Gap>(sql.Replace("@school", "{0}", StringComparison.Ordinal), schoolId).ToListAsync(ct));
        var reconciled = await db.Marks.LongCountAsync(m => m.SchoolId == schoolId, ct) + await db.Absences.LongCountAsync(a => a.SchoolId == schoolId, ct);
        if (gaps.Count == 0) return ([], reconciled);

        var shown = gaps.OrderBy(g => g.Sequence ?? long.MaxValue).Take(named).ToList();
        var problems = new List<string>();
        var places = await PlacesAsync(db, schoolId, shown, ct);
        foreach (var g in shown) problems.Add(Describe(g, places.GetValueOrDefault(g.EntityId) ?? "Місце невідоме"));
        if (gaps.Count > shown.Count) problems.Add($"І ще розбіжностей журналу з журналом змін: {gaps.Count - shown.Count}.");
        return (problems, reconciled);
    }

    private static string Describe(Gap g, string place)
    {
        var mark = g.EntityType == "Mark";
        var what = mark ? "оцінка" : "пропуск";
        var record = g.Sequence is > 0 ? $"запис №{g.Sequence}" : "запис ще не запечатано";
        if (g.Current is null)
            return $"{place}: у журналі змін {what} «{g.Recorded}» ({record}), а в таблиці {(mark ? "її" : "його")} немає — видалено поза програмою.";
        if (g.Sequence is null)
            return $"{place}: у таблиці {what} «{g.Current}», а в журналі змін {(mark ? "її" : "його")} немає — додано поза програмою.";
        if (g.Recorded is null)
            return $"{place}: у журналі змін {what} видалено ({record}), а в таблиці {(mark ? "вона" : "він")} є: «{g.Current}» — змінено поза програмою.";
        return $"{place}: у журналі змін {what} «{g.Recorded}» ({record}), а в таблиці — «{g.Current}»: змінено поза програмою.";
    }

    /// <summary>"7-А, Іваненко Олег, Алгебра, урок 12.11.2026" for each gap: from the row where it is, else from its last record.</summary>
    private static async Task<Dictionary<Guid, string>> PlacesAsync(JournalDbContext db, Guid schoolId, List<Gap> gaps, CancellationToken ct)
    {
        var ids = gaps.Select(g => g.EntityId).ToList();
        var where = new Dictionary<Guid, (Guid? Class, Guid? Student, Guid? Subject, Guid? Lesson, string? When, string? Context)>();
        foreach (var m in await db.Marks.AsNoTracking().Where(m => ids.Contains(m.Id))
                     .Select(m => new { m.Id, m.ClassId, m.StudentId, m.SubjectId, m.LessonId, m.Column, m.Date }).ToListAsync(ct))
            where[m.Id] = (m.ClassId, m.StudentId, m.SubjectId, m.LessonId,
                m.LessonId is null ? $"{MarkColumns.Title(m.Column).ToLower(CultureInfo.GetCultureInfo("uk-UA"))} ({m.Date:dd.MM.yyyy})" : null, null);
        foreach (var a in await db.Absences.AsNoTracking().Where(a => ids.Contains(a.Id))
                     .Select(a => new { a.Id, a.ClassId, a.StudentId, a.SubjectId, a.LessonId }).ToListAsync(ct))
            where[a.Id] = (a.ClassId, a.StudentId, a.SubjectId, a.LessonId, null, null);
        var gone = ids.Where(id => !where.ContainsKey(id)).ToList();
        foreach (var r in (await db.AuditRecords.AsNoTracking().Where(r => r.SchoolId == schoolId && gone.Contains(r.EntityId))
                     .Select(r => new { r.EntityId, r.Sequence, r.ClassId, r.StudentId, r.SubjectId, r.LessonId, r.Context }).ToListAsync(ct))
                 .OrderBy(r => r.Sequence == 0 ? long.MaxValue : r.Sequence))
            where[r.EntityId] = (r.ClassId, r.StudentId, r.SubjectId, r.LessonId, null, r.Context); // the last one stays

        var classIds = where.Values.Select(w => w.Class).OfType<Guid>().Distinct().ToList();
        var studentIds = where.Values.Select(w => w.Student).OfType<Guid>().Distinct().ToList();
        var subjectIds = where.Values.Select(w => w.Subject).OfType<Guid>().Distinct().ToList();
        var lessonIds = where.Values.Select(w => w.Lesson).OfType<Guid>().Distinct().ToList();
        var classes = (await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id, c => c.Name.ToString());
        var students = (await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, s => s.FullName);
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var lessons = await db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => new { l.Date, l.Slot }, ct);

        var places = new Dictionary<Guid, string>();
        foreach (var (id, w) in where)
        {
            if (w.Class is null && w.Student is null && w.Context is not null)
            {
                places[id] = w.Context; // a record written before records carried ids (ADR 0029)
                continue;
            }

            var parts = new List<string>();
            if (w.Class is { } c && classes.TryGetValue(c, out var cn)) parts.Add(cn);
            if (w.Student is { } s && students.TryGetValue(s, out var sn)) parts.Add(sn);
            if (w.Subject is { } su && subjects.TryGetValue(su, out var sun)) parts.Add(sun);
            if (w.Lesson is { } l && lessons.TryGetValue(l, out var lesson)) parts.Add($"урок {lesson.Slot} {lesson.Date:dd.MM.yyyy}");
            else if (w.When is not null) parts.Add(w.When);
            places[id] = parts.Count > 0 ? string.Join(", ", parts) : w.Context ?? "Місце невідоме";
        }

        return places;
    }
}
