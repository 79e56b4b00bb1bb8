using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notifications;

/// <summary>
/// The outbox's payloads are typed (ADR 0028): every kind has its record, a composer and a Ukrainian title; a row
/// written before the payloads were typed — the JSON the anonymous objects of the producers made — is read and composed
/// as it was; the typed records write the same JSON names. On SQLite (the composer reads the students' names and the
/// day's absences). The clock stands at Friday 20 November 2026, 10:00 in Kyiv.
/// </summary>
public sealed class OutboxPayloadsTests : IAsyncLifetime
{
    /// <summary>The producers' JSON before the payloads were typed: ASP.NET's web defaults, Cyrillic unescaped.</summary>
    private static readonly JsonSerializerOptions Before = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly DateOnly Today = TestSchool.Today;
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private TestDatabase _database = null!;
    private TestSchool S = null!;
    private Guid _lesson;
    private (Guid Thread, Guid Question, Guid Answer) _talk;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        S = await TestSchool.CreateAsync(db);
        // An absence today, for the absence alert (composed from the day's absences as they stand).
        var journal = S.Journal(db);
        _lesson = (await journal.RecordLessonAsync(S.As(S.AlgebraTeacher), new LessonInput(S.Class7A.Id, S.Algebra.Id, null, Today, 2, "Рівняння"), notify: false))
            .GetValueOrThrow().Id;
        (await journal.SetCellAsync(S.As(S.AlgebraTeacher), new CellInput(S.Ivanenko.Id, S.Class7A.Id, S.Algebra.Id, MarkColumn.Current, "н", _lesson)))
            .GetValueOrThrow();
        // A conversation (ADR 0038): the mother's question and the class teacher's answer; the rows carry only their ids.
        var thread = new Bot.Domain.Talk.TalkThread(S.School.Id, S.Year.Id, S.Ivanenko.Id, Bot.Domain.Linking.PersonKind.Guardian, S.IvanenkoMother.Id,
            S.ClassTeacher.Id, Bot.Domain.Audit.Channel.Viber, TestSchool.Now.UtcDateTime);
        var question = new Bot.Domain.Talk.TalkMessage(S.School.Id, thread.Id, false, S.IvanenkoMother.Id, "Коли батьківські збори?", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime);
        var answer = new Bot.Domain.Talk.TalkMessage(S.School.Id, thread.Id, true, S.ClassTeacher.Id, "У четвер о 18:00.\nКабінет 12.", TestSchool.Now.UtcDateTime, TestSchool.Now.UtcDateTime);
        db.AddRange(thread, question, answer);
        await db.SaveChangesAsync();
        _talk = (thread.Id, question.Id, answer.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <param name="Legacy">The JSON as the producer wrote it before the payloads were typed.</param>
    /// <param name="Typed">The JSON the producer writes now.</param>
    /// <param name="LegacyKey">The idempotency key of the legacy row (the homework notice's child was only in it).</param>
    private sealed record Case(NotificationKind Kind, RecipientKind To, Guid Recipient, string Legacy, OutboxPayload Payload, string Typed, string Expected,
        string? LegacyKey = null);

    private static readonly string Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("head"u8));

    private List<Case> Cases()
    {
        var (mother, student) = (S.IvanenkoMother.Id, S.Ivanenko.Id);
        var markId = Guid.NewGuid();
        var noticeId = Guid.NewGuid();
        var announcementId = Guid.NewGuid();
        var diary = new Message().Bold("Щоденник, 20 листопада").Line("Іваненко Олег (7-А): 2. Алгебра — н");
        var week = new Message().Bold("7-А · відвідування за тиждень").Line("Пропусків немає.");
        var run = new Message().Bold("Пропуски без поважної причини").Line("7-А · Іваненко Олег: 10 навч. дн. поспіль, 02.11–13.11.");
        var lessons = new[] { new TimetableChangeLesson(1, "Українська мова", true, null), new TimetableChangeLesson(2, "Алгебра", true, "заміна: Ткаченко А. М.") };
        var typed = new OutboxPayload[]
        {
            new MarkAlertPayload(markId, student, "Алгебра", "Поточна", "10", Today),
            new AbsenceAlertPayload(student, Today),
            new HomeworkNoticePayload(_lesson, S.Class7A.Id, "Алгебра", Today, "№ 301", [student]),
            new DailyDiaryPayload(Today),
            new AbsenceReportPayload(noticeId, student, "Іваненко Олег", "7-А", Today, "температура", "Іваненко Галина"),
            new AnnouncementPayload(announcementId, "7-А", "Батьківські збори\nо 18:00.", "Шевчук Н. О., класний керівник 7-А", false),
            new ClassTeacherWeekPayload(S.Class7A.Id, new DateOnly(2026, 11, 16)),
            new AbsenceRunPayload(student, new DateOnly(2026, 11, 2)),
            new TimetableChangePayload(student, "7-А", Monday, "заміна", false, ["Повітряна тривога: уроки в укритті"], lessons),
            new LessonsToRecordPayload(Today, [new LessonToRecord(Guid.NewGuid(), 2, "7-А", "Алгебра", true, false), new LessonToRecord(Guid.NewGuid(), 1, "11-А", "Геометрія", false, true)]),
            new FamilyMessagePayload(_talk.Thread, _talk.Question),
            new StaffAnswerPayload(_talk.Thread, _talk.Answer, Bot.Domain.Audit.Channel.Viber),
            new AbsenceExcusedPayload(noticeId, student, "Іваненко Олег", [Monday, Monday.AddDays(1)], "Шевчук Н. О."),
            new TalkStatusPayload(_talk.Thread, "Адміністрація школи закрила розмову про Іваненко Олег, 7-А: нові повідомлення в ній неможливі."),
            new FormRequestPayload(Guid.NewGuid(), student, "Іваненко Олег", "7-А", Bot.Domain.Forms.FormKind.Permission, "Дозволяю участь у екскурсії 12.12",
                ["Так", "Ні"], "11.12.2026 18:00", "Шевчук Н. О., класний керівник 7-А"),
            new ShelterNoticePayload(Guid.NewGuid(), S.Class7A.Id, "7-А", [student], AllClear: false, "10:15", 3, null),
            new AuditHeadPayload(1234, Hash, "20.11.2026 10:00", true, "20.11.2026 02:20", null),
        };
        string Of(NotificationKind kind) => OutboxPayloads.Serialize(typed.Single(t => t.Kind == kind));
        return
        [
            new(NotificationKind.MarkAlert, RecipientKind.Guardian, mother,
                JsonSerializer.Serialize(new { markId, studentId = student, subject = "Алгебра", column = "Поточна", value = "10", date = Today }, Before),
                typed[0], Of(NotificationKind.MarkAlert), "Іваненко Олег: 10 з алгебри (20.11)"),
            new(NotificationKind.AbsenceAlert, RecipientKind.Guardian, mother,
                JsonSerializer.Serialize(new { studentId = student, date = Today }, Before),
                typed[1], Of(NotificationKind.AbsenceAlert), "Іваненко Олег: пропуски 20.11\n• 2. Алгебра — н"),
            new(NotificationKind.HomeworkNotice, RecipientKind.Guardian, mother,
                JsonSerializer.Serialize(new { lessonId = _lesson, classId = S.Class7A.Id, subject = "Алгебра", date = Today, homework = "№ 301" }, Before),
                typed[2], Of(NotificationKind.HomeworkNotice), "Іваненко Олег: домашнє завдання з алгебри (20.11)\n№ 301",
                $"{NotificationKind.HomeworkNotice}:{_lesson:N}:{mother:N}:{student:N}:{TestSchool.Now.UtcTicks}"),
            new(NotificationKind.DailyDiary, RecipientKind.Guardian, mother,
                """{"date":"2026-11-20","message":[[["b","Щоденник, 20 листопада"]],[["p","Іваненко Олег (7-А): 2. Алгебра — н"]]]}""",
                typed[3], MessageJson.Payload(typed[3], diary), diary.PlainText),
            // The parents' absence report was serialised with the default options: Cyrillic escaped.
            new(NotificationKind.AbsenceReport, RecipientKind.Staff, S.ClassTeacher.Id,
                JsonSerializer.Serialize(new { noticeId, studentId = student, student = "Іваненко Олег", @class = "7-А", date = Today, reason = "температура", reportedBy = "Іваненко Галина" }),
                typed[4], Of(NotificationKind.AbsenceReport), "Повідомлення про відсутність\nІваненко Олег (7-А), 20.11\nПричина: температура\nВід: Іваненко Галина"),
            new(NotificationKind.Announcement, RecipientKind.Guardian, mother,
                JsonSerializer.Serialize(new { announcementId, audience = "7-А", text = "Батьківські збори\nо 18:00.", signature = "Шевчук Н. О., класний керівник 7-А", urgent = false }, Before),
                typed[5], Of(NotificationKind.Announcement), "📢 Оголошення · 7-А\nБатьківські збори\nо 18:00.\n— Шевчук Н. О., класний керівник 7-А"),
            new(NotificationKind.ClassTeacherWeek, RecipientKind.Staff, S.ClassTeacher.Id,
                $$"""{"classId":"{{S.Class7A.Id}}","monday":"2026-11-16","message":[[["b","7-А · відвідування за тиждень"]],[["p","Пропусків немає."]]]}""",
                typed[6], MessageJson.Payload(typed[6], week), week.PlainText),
            new(NotificationKind.AbsenceRun, RecipientKind.Staff, S.Deputy.Id,
                $$"""{"studentId":"{{student}}","from":"2026-11-02","message":[[["b","Пропуски без поважної причини"]],[["p","7-А · Іваненко Олег: 10 навч. дн. поспіль, 02.11–13.11."]]]}""",
                typed[7], MessageJson.Payload(typed[7], run), run.PlainText),
            new(NotificationKind.TimetableChange, RecipientKind.Guardian, mother,
                JsonSerializer.Serialize(new
                {
                    studentId = student, className = "7-А", date = Monday, change = "заміна", removed = false, dayNotes = new List<string> { "Повітряна тривога: уроки в укритті" },
                    lessons = new[] { new { number = 1, title = "Українська мова", held = true, note = (string?)null }, new { number = 2, title = "Алгебра", held = true, note = (string?)"заміна: Ткаченко А. М." } },
                }, Before),
                typed[8], Of(NotificationKind.TimetableChange),
                "Іваненко Олег (7-А): зміни в розкладі на понеділок, 23 листопада\nПовітряна тривога: уроки в укритті\n1. Українська мова\n2. Алгебра — заміна: Ткаченко А. М."),
            // New with the end-of-day reminder (ADR 0034): no row was ever written in another shape.
            new(NotificationKind.LessonsToRecord, RecipientKind.Staff, S.AlgebraTeacher.Id, Of(NotificationKind.LessonsToRecord),
                typed[9], Of(NotificationKind.LessonsToRecord),
                "Незаписані уроки за 20.11.2026 (пʼятниця)\nУроки записують у день, коли їх проведено. Допишіть, поки триває цей день:\n• Урок 1 · 11-А · Геометрія: перекличку не проведено\n• Урок 2 · 7-А · Алгебра: немає теми"),
            // New with the conversations (ADR 0038): the text is read from the conversation's table, never from the row.
            new(NotificationKind.FamilyMessage, RecipientKind.Staff, S.ClassTeacher.Id, Of(NotificationKind.FamilyMessage), typed[10], Of(NotificationKind.FamilyMessage),
                "✉️ Нове повідомлення\nВід: Іваненко Галина (мама)\nПро: Іваненко Олег, 7-А\n\nКоли батьківські збори?"),
            new(NotificationKind.StaffAnswer, RecipientKind.Guardian, mother, Of(NotificationKind.StaffAnswer), typed[11], Of(NotificationKind.StaffAnswer),
                "✉️ Відповідь від Шевчук Н. О.\nПро: Іваненко Олег, 7-А\n\nУ четвер о 18:00.\nКабінет 12."),
            // New with "Поважна причина" (ADR 0039).
            new(NotificationKind.AbsenceExcused, RecipientKind.Guardian, mother, Of(NotificationKind.AbsenceExcused),
                typed[12], Of(NotificationKind.AbsenceExcused),
                "Відсутність з поважної причини\nІваненко Олег, 23.11, 24.11 (2 навчальні дні): причину відсутності визнано поважною (Шевчук Н. О.).\n"
                + "У журналі ці пропуски позначено «хв» (з поважної причини)."),
            // New with «Передати адміністрації» (ADR 0038, amended): a fixed sentence, never a message's text.
            new(NotificationKind.TalkStatus, RecipientKind.Guardian, mother, Of(NotificationKind.TalkStatus), typed[13], Of(NotificationKind.TalkStatus),
                "Адміністрація школи закрила розмову про Іваненко Олег, 7-А: нові повідомлення в ній неможливі."),
            // New with the forms (ADR 0045).
            new(NotificationKind.FormRequest, RecipientKind.Guardian, mother, Of(NotificationKind.FormRequest), typed[14], Of(NotificationKind.FormRequest),
                "📝 Дозвіл · 7-А\nУчень: Іваненко Олег\nДозволяю участь у екскурсії 12.12\n— Шевчук Н. О., класний керівник 7-А\nВідповісти можна до 11.12.2026 18:00."),
            // New with «Клас в укритті» (ADR 0044): the family's child in the class named.
            new(NotificationKind.ShelterNotice, RecipientKind.Guardian, mother, Of(NotificationKind.ShelterNotice), typed[15], Of(NotificationKind.ShelterNotice),
                "❗ Клас в укритті · 7-А\nПовітряна тривога: 7-А з 10:15 в укритті (3 урок).\nІваненко Олег — разом із класом і вчителем.\nКоли буде відбій, ми одразу повідомимо."),
            // New with the weekly anchor to the director (ADR 0037): the head, short and whole, why to keep it, the last verdict.
            new(NotificationKind.AuditHead, RecipientKind.Staff, S.Deputy.Id, Of(NotificationKind.AuditHead), typed[16], Of(NotificationKind.AuditHead),
                $"Контрольний запис журналу змін\nЗапис №1234 від 20.11.2026 10:00, відбиток {Hash[..12]}…\nПовністю: 1234:{Hash}\n"
                + "Збережіть це повідомлення: за ним можна перевірити, що журнал змін не переписано.\nОстання перевірка (20.11.2026 02:20): записи цілісні."),
        ];
    }

    [Fact]
    public async Task EveryKind_HasAPayloadType_AComposer_AndAUkrainianTitle()
    {
        var cases = Cases();
        Assert.Equal(Enum.GetValues<NotificationKind>().Order(), cases.Select(c => c.Kind).Order());
        foreach (var c in cases)
        {
            Assert.Equal(OutboxPayloads.TypeOf(c.Kind), c.Payload.GetType());
            Assert.Equal(c.Kind, c.Payload.Kind);
            Assert.Matches("[а-яіїєґ]{4}", OutboxReasons.Title(c.Kind));
            var read = OutboxPayloads.Read(c.Kind, c.Typed);
            Assert.IsType(OutboxPayloads.TypeOf(c.Kind), read);
        }

        var texts = await ComposeAsync(cases.Select(c => Row(c, c.Typed, $"typed:{c.Kind}")).ToList());
        Assert.Equal(cases.Select(c => $"{c.Kind}: {c.Expected}"), cases.Select(c => $"{c.Kind}: {texts[$"typed:{c.Kind}"]}"));
    }

    /// <summary>A row written before the payloads were typed (still waiting in a database at the upgrade) goes as it would have.</summary>
    [Fact]
    public async Task RowsWrittenBeforeTheTypes_AreComposedAsBefore()
    {
        var cases = Cases();
        var texts = await ComposeAsync(cases.Select(c => Row(c, c.Legacy, c.LegacyKey ?? $"legacy:{c.Kind}")).ToList());
        Assert.Equal(cases.Select(c => $"{c.Kind}: {c.Expected}"), cases.Select(c => $"{c.Kind}: {texts[c.LegacyKey ?? $"legacy:{c.Kind}"]}"));
    }

    /// <summary>Each typed record writes every name and value the old JSON had (only the homework notice adds its children).</summary>
    [Fact]
    public void TypedPayloads_WriteTheJsonNamesRowsHaveAlwaysHad()
    {
        foreach (var c in Cases())
        {
            var legacy = JsonNode.Parse(c.Legacy)!.AsObject();
            var typed = JsonNode.Parse(c.Typed)!.AsObject();
            Assert.All(legacy, p => Assert.True(JsonNode.DeepEquals(p.Value, typed[p.Key]), $"{c.Kind}.{p.Key}: {p.Value?.ToJsonString()} ≠ {typed[p.Key]?.ToJsonString()}"));
            var added = typed.Select(p => p.Key).Except(legacy.Select(p => p.Key)).ToList();
            Assert.Equal(c.Kind == NotificationKind.HomeworkNotice ? new[] { "studentIds" } : [], added);
        }
    }

    [Fact]
    public void APayloadNotOfItsKindsShape_IsNotUnderstood()
    {
        Assert.Null(OutboxPayloads.Read(NotificationKind.MarkAlert, "not json"));
        Assert.Null(OutboxPayloads.Read(NotificationKind.MarkAlert, """{"studentId":"not a guid"}"""));
        Assert.Null(OutboxPayloads.Read<MarkAlertPayload>("""{"value":10}"""));
        Assert.Equal("зар.", OutboxPayloads.Read<MarkAlertPayload>("""{"value":"зар."}""")!.Value);
    }

    private OutboxMessage Row(Case c, string payload, string key)
    {
        var now = TestSchool.Now.UtcDateTime;
        return new OutboxMessage(S.School.Id, key, c.To, c.Recipient, c.Kind, payload, now, now);
    }

    /// <summary>The rows stored, then composed as the sender composes them: plain text by idempotency key.</summary>
    private async Task<Dictionary<string, string?>> ComposeAsync(List<OutboxMessage> rows)
    {
        await using (var db = _database.NewContext())
        {
            db.Outbox.AddRange(rows);
            await db.SaveChangesAsync();
        }

        await using var read = _database.NewContext();
        var keys = rows.Select(r => r.IdempotencyKey).ToList();
        var stored = await read.Outbox.AsNoTracking().Where(o => keys.Contains(o.IdempotencyKey)).ToListAsync();
        var messages = await new OutboxComposer(read).ComposeAsync(stored, _ => SchoolTime.Resolve("Europe/Kyiv"), default);
        return stored.ToDictionary(r => r.IdempotencyKey, r => messages[r.Id]?.PlainText);
    }
}
