using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Bot.Domain.Notifications;

/// <summary>
/// What an outbox row carries: one record per <see cref="NotificationKind"/> (the map is <see cref="OutboxPayloads.TypeOf"/>),
/// stored as JSON in <see cref="OutboxMessage.Payload"/>. The JSON names are the records' properties in camelCase, the
/// names rows have had from the start, so a row written before the payloads were typed reads the same (ADR 0028).
/// </summary>
public abstract record OutboxPayload
{
    protected OutboxPayload(NotificationKind kind) => Kind = kind;

    /// <summary>The kind of row this payload belongs to (not stored in the JSON: the row has its own column).</summary>
    [JsonIgnore]
    public NotificationKind Kind { get; }

    /// <summary>
    /// A message composed when the row was written (the digests: the evening diary, the class teacher's week, A-4), as
    /// lines of spans (Bot.Host's <c>MessageJson</c>); when present the row goes with it as it is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(1)]
    public JsonArray? Message { get; init; }
}

/// <summary>A mark entered or changed: "Іваненко Олег: 10 з алгебри (20.11)".</summary>
/// <param name="Subject">The journal page's title (a group's page: "Англійська мова (I група)").</param>
/// <param name="Column">The column's title ("Поточна", "Тематична"...).</param>
/// <param name="Value">The mark as written ("10", "Д", "зар.").</param>
/// <param name="Date">The lesson's date (a dated column) or the day it was entered.</param>
public sealed record MarkAlertPayload(Guid MarkId, Guid StudentId, string Subject, string Column, string Value, DateOnly Date)
    : OutboxPayload(NotificationKind.MarkAlert);

/// <summary>A student's day with absences: composed from the day's absences as they stand when the row goes.</summary>
public sealed record AbsenceAlertPayload(Guid StudentId, DateOnly Date) : OutboxPayload(NotificationKind.AbsenceAlert);

/// <summary>
/// Homework given at a lesson, one row per family: <paramref name="StudentIds"/> are the recipient's children on the
/// lesson's page, named in one notice. Rows written before it was typed have none: their one child is in the row's
/// key (<see cref="OutboxWriter"/> wrote <c>kind:lesson:guardian:student:version</c>).
/// </summary>
public sealed record HomeworkNoticePayload(Guid LessonId, Guid ClassId, string Subject, DateOnly Date, string? Homework,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Guid>? StudentIds = null)
    : OutboxPayload(NotificationKind.HomeworkNotice);

/// <summary>The evening diary of a family; its <see cref="OutboxPayload.Message"/> is composed by the job.</summary>
public sealed record DailyDiaryPayload(DateOnly Date) : OutboxPayload(NotificationKind.DailyDiary);

/// <summary>A parent's report that their child is away today, to the class teacher.</summary>
/// <param name="Student">The student's full name at the time of the report.</param>
/// <param name="Class">The class's name ("7-А").</param>
/// <param name="ReportedBy">The guardian's full name.</param>
/// <summary>A parent's absence report, to the class teacher: its first day's notice and date; <paramref name="Days"/> all its school days when more than one.</summary>
/// <param name="ReportId">The report (its notices share it; the "Поважна причина" button names it). Null in rows written before reports had one.</param>
public sealed record AbsenceReportPayload(Guid NoticeId, Guid StudentId, string Student, string Class, DateOnly Date, string Reason, string ReportedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ReportId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DateOnly>? Days = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StandInFor = null)
    : OutboxPayload(NotificationKind.AbsenceReport);

/// <summary>To the parent who reported: the class teacher (or the administration) accepted the reason, the days count as excused ("хв").</summary>
public sealed record AbsenceExcusedPayload(Guid ReportId, Guid StudentId, string Student, IReadOnlyList<DateOnly> Days, string ExcusedBy)
    : OutboxPayload(NotificationKind.AbsenceExcused);

/// <summary>An announcement to families; without a signature (a row from an older version) it goes as its bare text.</summary>
/// <param name="Audience">Who it is for, as titled ("7-А", "7-і класи", "уся школа").</param>
/// <param name="Signature">"Коваленко І. П., класний керівник 7-А".</param>
/// <param name="AskAcknowledgement">The message carries «✅ Ознайомились» (ADR 0043).</param>
/// <param name="Reminder">The author's one reminder to those who had not acknowledged.</param>
public sealed record AnnouncementPayload(Guid AnnouncementId, string? Audience, string Text, string? Signature, bool Urgent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AskAcknowledgement = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Reminder = false)
    : OutboxPayload(NotificationKind.Announcement);

/// <summary>The class teacher's weekly attendance summary; its <see cref="OutboxPayload.Message"/> is composed by the job.</summary>
public sealed record ClassTeacherWeekPayload(Guid ClassId, DateOnly Monday) : OutboxPayload(NotificationKind.ClassTeacherWeek);

/// <summary>A-4 to the administration; its <see cref="OutboxPayload.Message"/> is composed by the job.</summary>
public sealed record AbsenceRunPayload(Guid StudentId, DateOnly From) : OutboxPayload(NotificationKind.AbsenceRun);

/// <summary>Tomorrow's timetable of a child's class changed after the evening diary went: the day as it now stands.</summary>
/// <param name="Change">What changed, as titled ("заміна", "урок скасовано"...).</param>
/// <param name="Removed">The change was taken back.</param>
/// <param name="DayNotes">The day's own notices (remote learning, an air-raid alert).</param>
public sealed record TimetableChangePayload(Guid StudentId, string ClassName, DateOnly Date, string Change, bool Removed,
    IReadOnlyList<string> DayNotes, IReadOnlyList<TimetableChangeLesson> Lessons) : OutboxPayload(NotificationKind.TimetableChange);

/// <summary>A lesson of a changed day: "2. Алгебра — заміна: Ткаченко А. М." (<paramref name="Note"/> null: as planned).</summary>
public sealed record TimetableChangeLesson(int Number, string Title, bool Held, string? Note);

/// <summary>
/// A teacher's lessons of <paramref name="Date"/> (school-local) that still lack a topic or a roll call, sent after the
/// school's last lesson of the day (J-7: recorded on the day); each becomes a button into the lesson flow.
/// </summary>
public sealed record LessonsToRecordPayload(DateOnly Date, IReadOnlyList<LessonToRecord> Lessons) : OutboxPayload(NotificationKind.LessonsToRecord);

/// <summary>A lesson to record: its timetable entry (the button's), number, class, the page's title and what is missing.</summary>
public sealed record LessonToRecord(Guid EntryId, int Number, string Class, string Subject, bool NoTopic, bool NoRollCall);

/// <summary>
/// A family's message in a conversation (ADR 0038): only ids — the text stays in the conversation's own table, read by the
/// composer when the row goes, so it is deleted with the conversation and nobody reads it in the outbox.
/// </summary>
public sealed record FamilyMessagePayload(Guid ThreadId, Guid MessageId) : OutboxPayload(NotificationKind.FamilyMessage);

/// <summary>A staff member's answer; <paramref name="Channel"/> is the messenger the family wrote from, where it goes.</summary>
public sealed record StaffAnswerPayload(Guid ThreadId, Guid MessageId, Audit.Channel? Channel) : OutboxPayload(NotificationKind.StaffAnswer);

/// <summary>
/// A conversation's change of state told to one side (passed to the administration, closed by it): a fixed sentence naming
/// the child, never a message's text.
/// </summary>
public sealed record TalkStatusPayload(Guid ThreadId, string Text) : OutboxPayload(NotificationKind.TalkStatus);

/// <summary>
/// A form to a guardian about one child (ADR 0045): everything the message shows, so it is composed without reading the form;
/// the answer buttons name the form, the child and the option.
/// </summary>
/// <param name="Deadline">School-local, as shown: "12.12.2026 18:00".</param>
public sealed record FormRequestPayload(Guid FormId, Guid StudentId, string Student, string Class, Forms.FormKind FormKind, string Question,
    IReadOnlyList<string> Options, string Deadline, string Signature) : OutboxPayload(NotificationKind.FormRequest);

/// <summary>
/// "Клас в укритті" or "Відбій" of a class (ADR 0044), one row per family: <paramref name="StudentIds"/> are
/// the recipient's children in the class. <paramref name="Time"/> is school-local ("10:15"); <paramref name="Lesson"/> the
/// lesson under way; <paramref name="Next"/> (the all-clear) what happens next.
/// </summary>
public sealed record ShelterNoticePayload(Guid StepId, Guid ClassId, string Class, IReadOnlyList<Guid> StudentIds, bool AllClear, string Time, int? Lesson,
    string? Next) : OutboxPayload(NotificationKind.ShelterNotice);

/// <summary>
/// The school's audit head for the director to keep (ADR 0037 decision 3): the last sealed record's number and hash, its
/// time, and the last check's verdict, all as they stood when the row was written. Times are school-local, as shown
/// ("23.11.2026 09:00"); <paramref name="CheckIntact"/> null: never checked.
/// </summary>
public sealed record AuditHeadPayload(long Sequence, string Hash, string Time, bool? CheckIntact, string? CheckedAt, string? CheckProblem)
    : OutboxPayload(NotificationKind.AuditHead);

/// <summary>The kind→payload map and the JSON the outbox stores.</summary>
public static class OutboxPayloads
{
    /// <summary>camelCase names, case-insensitive reading, Cyrillic unescaped (a row is readable in the database).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The payload type of a kind. A kind added to <see cref="NotificationKind"/> without one does not compile.</summary>
#pragma warning disable CS8524 // only the named kinds: a value outside the enum is a bug elsewhere
    public static Type TypeOf(NotificationKind kind) => kind switch
    {
        NotificationKind.MarkAlert => typeof(MarkAlertPayload),
        NotificationKind.AbsenceAlert => typeof(AbsenceAlertPayload),
        NotificationKind.HomeworkNotice => typeof(HomeworkNoticePayload),
        NotificationKind.DailyDiary => typeof(DailyDiaryPayload),
        NotificationKind.AbsenceReport => typeof(AbsenceReportPayload),
        NotificationKind.Announcement => typeof(AnnouncementPayload),
        NotificationKind.ClassTeacherWeek => typeof(ClassTeacherWeekPayload),
        NotificationKind.AbsenceRun => typeof(AbsenceRunPayload),
        NotificationKind.TimetableChange => typeof(TimetableChangePayload),
        NotificationKind.LessonsToRecord => typeof(LessonsToRecordPayload),
        NotificationKind.FamilyMessage => typeof(FamilyMessagePayload),
        NotificationKind.StaffAnswer => typeof(StaffAnswerPayload),
        NotificationKind.AbsenceExcused => typeof(AbsenceExcusedPayload),
        NotificationKind.TalkStatus => typeof(TalkStatusPayload),
        NotificationKind.FormRequest => typeof(FormRequestPayload),
        NotificationKind.ShelterNotice => typeof(ShelterNoticePayload),
        NotificationKind.AuditHead => typeof(AuditHeadPayload),
    };
#pragma warning restore CS8524

    /// <summary>The JSON stored for a payload (its own type's properties, not only the base's).</summary>
    public static string Serialize(OutboxPayload payload) => JsonSerializer.Serialize(payload, payload.GetType(), Json);

    /// <summary>A row's payload as the type of its kind; null when it is not JSON of that shape.</summary>
    public static OutboxPayload? Read(NotificationKind kind, string json)
    {
        try { return JsonSerializer.Deserialize(json, TypeOf(kind), Json) as OutboxPayload; }
        catch (JsonException) { return null; }
    }

    /// <summary>A row's payload as <typeparamref name="T"/>; null when it is not JSON of that shape.</summary>
    public static T? Read<T>(string json) where T : OutboxPayload
    {
        try { return JsonSerializer.Deserialize<T>(json, Json); }
        catch (JsonException) { return null; }
    }

    public static OutboxPayload? Read(OutboxMessage row) => Read(row.Kind, row.Payload);
}
