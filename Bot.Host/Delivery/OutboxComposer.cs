using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Domain.Grading;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Host.Conversation;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Delivery;

/// <summary>
/// Turns due outbox rows into the Ukrainian messages people get, reading what the rows refer to for the whole batch at
/// once (students' names, the day's absences). An alert says what is true when it goes: an absence alert lists the
/// student's absences of the day as they stand (an undone one is not in it; none left: nothing is sent). Digests were
/// composed by their job and carry their message.
/// </summary>
public sealed class OutboxComposer(JournalDbContext db)
{
    /// <summary>Nothing to say any more (the absences of an absence alert were all undone).</summary>
    public const string NothingLeft = "nothing left to report: the absences were undone";

    public async Task<IReadOnlyDictionary<Guid, Message?>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, Func<Guid, TimeZoneInfo> zoneOf, CancellationToken ct)
    {
        var payloads = rows.ToDictionary(r => r.Id, r => Parse(r.Payload));
        var studentIds = payloads.Values.Select(p => Guid(p, "studentId")).OfType<Guid>().Distinct().ToList();
        var names = studentIds.Count == 0 ? [] : await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => $"{s.LastName} {s.FirstName}", ct);
        var absences = await AbsencesAsync(rows.Where(r => r.Kind == NotificationKind.AbsenceAlert).Select(r => payloads[r.Id]).ToList(), ct);

        var messages = new Dictionary<Guid, Message?>();
        foreach (var row in rows)
        {
            var p = payloads[row.Id];
            var name = Guid(p, "studentId") is { } sid ? names.GetValueOrDefault(sid, "") : "";
            var createdOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(row.CreatedAtUtc, zoneOf(row.SchoolId)));
            messages[row.Id] = p?["message"] is JsonArray rendered
                ? MessageJson.FromJson(rendered)
                : row.Kind switch
                {
                    NotificationKind.MarkAlert => MarkAlert(p, name, createdOn),
                    NotificationKind.HomeworkNotice => HomeworkNotice(p, name),
                    NotificationKind.AbsenceAlert => AbsenceAlert(p, name, absences),
                    NotificationKind.AbsenceReport => AbsenceReport(p),
                    NotificationKind.Announcement when Str(p, "signature") is not null => Announcement(p),
                    NotificationKind.TimetableChange => TimetableChangeNotice.Compose(p, name),
                    _ => p?["text"] is { } text ? Message.Text(text.GetValue<string>()) : null,
                };
        }

        return messages;
    }

    /// <summary>"Іваненко Олег: 10 з алгебри (20.11)"; "… за 18.11" when the mark was entered on a later day than its lesson.</summary>
    public static Message MarkAlert(JsonNode? p, string student, DateOnly enteredOn)
    {
        var value = Str(p, "value");
        var column = Str(p, "column");
        var date = Date(p, "date");
        var what = column is null or "Поточна" ? value : $"{column.ToLowerInvariant()}: {value}";
        var when = date is not { } d ? "" : d < enteredOn ? $" за {d:dd.MM}" : $" ({d:dd.MM})";
        return new Message().Line(new Span.Bold(student), new Span.Plain($": {what} {SubjectCase.AfterZ(Str(p, "subject") ?? "")}{when}"));
    }

    /// <summary>"Іваненко Олег: домашнє завдання з алгебри (20.11)" and the homework.</summary>
    public static Message HomeworkNotice(JsonNode? p, string student)
    {
        var date = Date(p, "date") is { } d ? $" ({d:dd.MM})" : "";
        return new Message()
            .Line(new Span.Bold(student), new Span.Plain($": домашнє завдання {SubjectCase.AfterZ(Str(p, "subject") ?? "")}{date}"))
            .Line(Str(p, "homework") ?? "");
    }

    private static Message? AbsenceAlert(JsonNode? p, string student, ILookup<(Guid, DateOnly), DayAbsence> absences)
    {
        if (Guid(p, "studentId") is not { } sid || Date(p, "date") is not { } date) return null;
        var day = absences[(sid, date)].OrderBy(a => a.Slot).ToList();
        return day.Count == 0 ? null : AbsenceAlert(student, date, day.Select(a => (a.Slot, a.PageTitle, a.Kind)));
    }

    /// <summary>"Іваненко Олег: пропуски 20.11" and a line per lesson missed: "• 2. Алгебра — н".</summary>
    public static Message AbsenceAlert(string student, DateOnly date, IEnumerable<(int Slot, string PageTitle, AbsenceKind Kind)> lessons)
    {
        var m = new Message().Line(new Span.Bold(student), new Span.Plain($": пропуски {date:dd.MM}"));
        foreach (var (slot, page, kind) in lessons) m.Line($"• {slot}. {page} — {AbsenceKinds.Text(kind)}");
        return m;
    }

    /// <summary>"📢 Оголошення · 7-А" (or "Термінове оголошення"), the text line by line, then "— the author, their role".</summary>
    public static Message Announcement(JsonNode? p)
    {
        var urgent = p?["urgent"] is JsonValue u && u.TryGetValue<bool>(out var b) && b;
        var m = new Message().Line(new Span.Bold(urgent ? "❗ Термінове оголошення" : "📢 Оголошення"), new Span.Plain($" · {Str(p, "audience")}"));
        foreach (var line in (Str(p, "text") ?? "").ReplaceLineEndings("\n").Split('\n')) m.Line(line);
        return m.Line(new Span.Italic($"— {Str(p, "signature")}"));
    }

    private static Message AbsenceReport(JsonNode? p) =>
        new Message()
            .Bold("Повідомлення про відсутність")
            .Line($"{Str(p, "student")} ({Str(p, "class")}), {Date(p, "date"):dd.MM}")
            .Line($"Причина: {Str(p, "reason")}")
            .Line($"Від: {Str(p, "reportedBy")}");

    private sealed record DayAbsence(Guid StudentId, DateOnly Date, int Slot, string PageTitle, AbsenceKind Kind);

    /// <summary>The absences of the students' days, as they stand, with the lesson's slot and page title: one query.</summary>
    private async Task<ILookup<(Guid, DateOnly), DayAbsence>> AbsencesAsync(List<JsonNode?> payloads, CancellationToken ct)
    {
        var days = payloads.Select(p => (Student: Guid(p, "studentId"), Date: Date(p, "date")))
            .Where(d => d.Student is not null && d.Date is not null).Select(d => (d.Student!.Value, d.Date!.Value)).Distinct().ToList();
        if (days.Count == 0) return Array.Empty<DayAbsence>().ToLookup(a => (a.StudentId, a.Date));
        var students = days.Select(d => d.Item1).Distinct().ToList();
        var dates = days.Select(d => d.Item2).Distinct().ToList();
        var rows = await (
                from a in db.Absences.AsNoTracking()
                join l in db.Lessons on a.LessonId equals l.Id
                join s in db.Subjects on a.SubjectId equals s.Id
                join g in db.Groups on l.GroupId equals (Guid?)g.Id into groups
                from g in groups.DefaultIfEmpty()
                where students.Contains(a.StudentId) && dates.Contains(a.Date)
                select new { a.StudentId, a.Date, l.Slot, Subject = s.Name, Group = g == null ? null : g.Name, a.Kind })
            .ToListAsync(ct);
        var wanted = days.ToHashSet();
        return rows.Where(r => wanted.Contains((r.StudentId, r.Date)))
            .Select(r => new DayAbsence(r.StudentId, r.Date, r.Slot, Bot.Domain.Roster.ClassGroup.PageTitle(r.Subject, r.Group), r.Kind))
            .ToLookup(a => (a.StudentId, a.Date));
    }

    private static JsonNode? Parse(string payload)
    {
        try { return JsonNode.Parse(payload); }
        catch (JsonException) { return null; }
    }

    private static string? Str(JsonNode? p, string name) => p?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : p?[name]?.ToJsonString();

    private static Guid? Guid(JsonNode? p, string name) => System.Guid.TryParse(Str(p, name), out var g) ? g : null;

    private static DateOnly? Date(JsonNode? p, string name) => DateOnly.TryParse(Str(p, name), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
}
