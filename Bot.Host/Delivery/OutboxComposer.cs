using Bot.Domain.Grading;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Handlers;
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
        var payloads = rows.ToDictionary(r => r.Id, OutboxPayloads.Read);
        var studentIds = rows.SelectMany(r => StudentsOf(r, payloads[r.Id])).Distinct().ToList();
        var names = studentIds.Count == 0 ? [] : await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => $"{s.LastName} {s.FirstName}", ct);
        var absences = await AbsencesAsync(payloads.Values.OfType<AbsenceAlertPayload>().ToList(), ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "");
        var talk = await TalkNotice.ComposeAsync(db, payloads.Values.Select(p => p switch
        {
            FamilyMessagePayload f => f.MessageId,
            StaffAnswerPayload a => a.MessageId,
            _ => Guid.Empty,
        }).Where(id => id != Guid.Empty).ToList(), ct);

        var messages = new Dictionary<Guid, Message?>();
        foreach (var row in rows)
        {
            var createdOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(row.CreatedAtUtc, zoneOf(row.SchoolId)));
            messages[row.Id] = payloads[row.Id] switch
            {
                { Message: { } composed } => MessageJson.FromJson(composed),
                MarkAlertPayload mark => MarkAlert(mark, Name(mark.StudentId), createdOn),
                HomeworkNoticePayload homework => HomeworkNotice(homework, StudentsOf(row, homework).Select(Name).ToList()),
                AbsenceAlertPayload absence => AbsenceAlert(absence, Name(absence.StudentId), absences),
                AbsenceReportPayload report => AbsenceReport(report),
                AbsenceExcusedPayload excused => AbsenceExcused(excused),
                AnnouncementPayload { Signature: not null } announcement => Announcement(announcement),
                AnnouncementPayload { Text: { } text } => Message.Text(text),
                TimetableChangePayload change => TimetableChangeNotice.Compose(change, Name(change.StudentId)),
                LessonsToRecordPayload day => LessonDayReminder.Compose(day),
                FamilyMessagePayload f => talk.GetValueOrDefault(f.MessageId),
                StaffAnswerPayload a => talk.GetValueOrDefault(a.MessageId),
                TalkStatusPayload status => Message.Text(status.Text),
                FormRequestPayload form => FormAnswerButton.Compose(form),
                ShelterNoticePayload shelter => Shelter(shelter, shelter.StudentIds.Select(Name).ToList()),
                AuditHeadPayload head => AuditHeadNotice.Compose(head),
                _ => null,
            };
        }

        return messages;
    }

    /// <summary>The students a row names (their names are read for the whole batch at once).</summary>
    private static IEnumerable<Guid> StudentsOf(OutboxMessage row, OutboxPayload? payload) => payload switch
    {
        MarkAlertPayload p => [p.StudentId],
        AbsenceAlertPayload p => [p.StudentId],
        HomeworkNoticePayload p => p.StudentIds ?? LegacyHomeworkStudent(row.IdempotencyKey),
        TimetableChangePayload p => [p.StudentId],
        ShelterNoticePayload p => p.StudentIds,
        _ => [],
    };

    /// <summary>
    /// The child of a homework notice written before its payload named the children: one row per guardian and child,
    /// keyed <c>HomeworkNotice:lesson:guardian:student:version</c>.
    /// </summary>
    private static IReadOnlyList<Guid> LegacyHomeworkStudent(string key) =>
        key.Split(':') is [_, _, _, var student, _] && System.Guid.TryParseExact(student, "N", out var id) ? [id] : [];

    /// <summary>"Іваненко Олег: 10 з алгебри (20.11)"; "… за 18.11" when the mark was entered on a later day than its lesson.</summary>
    public static Message MarkAlert(MarkAlertPayload p, string student, DateOnly enteredOn)
    {
        var what = p.Column is null or "Поточна" ? p.Value : $"{p.Column.ToLowerInvariant()}: {p.Value}";
        var when = p.Date == default ? "" : p.Date < enteredOn ? $" за {p.Date:dd.MM}" : $" ({p.Date:dd.MM})";
        return new Message().Line(new Span.Bold(student), new Span.Plain($": {what} {SubjectCase.AfterZ(p.Subject ?? "")}{when}"));
    }

    /// <summary>
    /// "Іваненко Олег: домашнє завдання з алгебри (20.11)" and the homework; a family's children in one class are named
    /// together: "Іваненко Марія та Іваненко Олег: …".
    /// </summary>
    public static Message HomeworkNotice(HomeworkNoticePayload p, IReadOnlyList<string> children)
    {
        var date = p.Date == default ? "" : $" ({p.Date:dd.MM})";
        return new Message()
            .Line(new Span.Bold(Together(children)), new Span.Plain($": домашнє завдання {SubjectCase.AfterZ(p.Subject ?? "")}{date}"))
            .Line(p.Homework ?? "");
    }

    /// <summary>"А", "А та Б", "А, Б та В", in the order of the alphabet.</summary>
    private static string Together(IReadOnlyList<string> names)
    {
        var sorted = names.Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        return sorted.Count <= 1 ? sorted.FirstOrDefault() ?? "" : $"{string.Join(", ", sorted[..^1])} та {sorted[^1]}";
    }

    private static Message? AbsenceAlert(AbsenceAlertPayload p, string student, ILookup<(Guid, DateOnly), DayAbsence> absences)
    {
        var day = absences[(p.StudentId, p.Date)].OrderBy(a => a.Slot).ToList();
        return day.Count == 0 ? null : AbsenceAlert(student, p.Date, day.Select(a => (a.Slot, a.PageTitle, a.Kind)));
    }

    /// <summary>"Іваненко Олег: пропуски 20.11" and a line per lesson missed: "• 2. Алгебра — н".</summary>
    public static Message AbsenceAlert(string student, DateOnly date, IEnumerable<(int Slot, string PageTitle, AbsenceKind Kind)> lessons)
    {
        var m = new Message().Line(new Span.Bold(student), new Span.Plain($": пропуски {date:dd.MM}"));
        foreach (var (slot, page, kind) in lessons) m.Line($"• {slot}. {page} — {AbsenceKinds.Text(kind)}");
        return m;
    }

    /// <summary>
    /// "❗ Клас в укритті · 7-А" / "✅ Відбій · 7-А" (ADR 0044), naming the family's children in the class, the time and, at
    /// the all-clear, what happens next. Short and without buttons: Viber gets it as it is.
    /// </summary>
    public static Message Shelter(ShelterNoticePayload p, IReadOnlyList<string> children)
    {
        var who = Together(children);
        var m = new Message();
        if (!p.AllClear)
        {
            m.Line(new Span.Bold("❗ Клас в укритті"), new Span.Plain($" · {p.Class}"));
            m.Line($"Повітряна тривога: {p.Class} з {p.Time} в укритті" + (p.Lesson is { } n ? $" ({n} урок)." : "."));
            if (who.Length > 0) m.Line($"{who} — разом із класом і вчителем.");
            return m.Line("Коли буде відбій, ми одразу повідомимо.");
        }

        m.Line(new Span.Bold("✅ Відбій"), new Span.Plain($" · {p.Class}"));
        m.Line($"{p.Class} о {p.Time} вийшов з укриття" + (who.Length > 0 ? $" ({who})." : "."));
        return m.Line($"Далі: {p.Next}.");
    }

    /// <summary>"📢 Оголошення · 7-А" (or "Термінове оголошення"), the text line by line, then "— the author, their role".</summary>
    /// <remarks>
    /// One that asks for acknowledgement (ADR 0043) ends with "Підтвердіть, що ознайомились" and «✅ Ознайомились»; the author's
    /// reminder starts with "Нагадування".
    /// </remarks>
    public static Message Announcement(AnnouncementPayload p)
    {
        var m = new Message();
        if (p.Reminder) m.Line(new Span.Bold("🔔 Нагадування: підтвердіть, що ознайомились з оголошенням"));
        m.Line(new Span.Bold(p.Urgent ? "❗ Термінове оголошення" : "📢 Оголошення"), new Span.Plain($" · {p.Audience}"));
        foreach (var line in (p.Text ?? "").ReplaceLineEndings("\n").Split('\n')) m.Line(line);
        m.Line(new Span.Italic($"— {p.Signature}"));
        if (!p.AskAcknowledgement) return m;
        return m.Line("Підтвердіть, будь ласка, що ознайомились.").ButtonRow(AnnouncementAckButton.For(p.AnnouncementId));
    }

    /// <summary>
    /// The report with its buttons in one row: "Поважна причина" (ADR 0039) and "Відповісти" (the thread with that guardian
    /// about that child, ADR 0038).
    /// </summary>
    private static Message AbsenceReport(AbsenceReportPayload p)
    {
        var m = AbsenceExcuseButton.Report(p.Student, p.Class, p.Days ?? [p.Date], p.Reason, p.ReportedBy);
        // A stand-in receives it for the absent class teacher (ADR 0049).
        if (p.StandInFor is { } teacher) m.Line($"Ви отримали це, бо замінюєте класного керівника ({teacher}).");
        return m.ButtonRow(AbsenceReportButtons(p));
    }

    /// <summary>The buttons under a parent's absence report, side by side.</summary>
    // A report written before reports had an id: its notice's id is the report's (the migration set it so).
    public static Button[] AbsenceReportButtons(AbsenceReportPayload p) =>
        [AbsenceExcuseButton.For(p.ReportId ?? p.NoticeId), TalkHandler.AbsenceReplyButton(p.ReportId ?? p.NoticeId)];

    /// <summary>To the parent who reported: the days named, the reason accepted, who accepted it.</summary>
    private static Message AbsenceExcused(AbsenceExcusedPayload p) =>
        new Message()
            .Bold("Відсутність з поважної причини")
            .Line($"{p.Student}, {AbsenceExcuseButton.Days(p.Days)}: причину відсутності визнано поважною ({p.ExcusedBy}).")
            .Line("У журналі ці пропуски позначено «хв» (з поважної причини).");

    private sealed record DayAbsence(Guid StudentId, DateOnly Date, int Slot, string PageTitle, AbsenceKind Kind);

    /// <summary>The absences of the students' days, as they stand, with the lesson's slot and page title: one query.</summary>
    private async Task<ILookup<(Guid, DateOnly), DayAbsence>> AbsencesAsync(List<AbsenceAlertPayload> payloads, CancellationToken ct)
    {
        var days = payloads.Where(p => p.StudentId != Guid.Empty && p.Date != default).Select(p => (p.StudentId, p.Date)).Distinct().ToList();
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
}
