namespace Bot.Host.Conversation.Parsing;

/// <summary>A command as the router read it; the handler of each record does the work.</summary>
public abstract record ChatRequest;

/// <summary>The teacher's forms that are read against the roster (the caller loads it, then calls the parser).</summary>
public enum TeacherForm
{
    /// <summary><see cref="MarkParser"/>.</summary>
    Mark,

    /// <summary><see cref="AbsentParser"/>.</summary>
    Absent,

    /// <summary><see cref="LessonTextParser.ParseLesson"/>.</summary>
    Lesson,

    /// <summary><see cref="LessonTextParser.ParseHomework"/>.</summary>
    Homework,

    /// <summary><see cref="AttendanceParser"/> (class teachers).</summary>
    Attendance,

    /// <summary><see cref="ExcuseParser"/> (class teachers).</summary>
    Excuse,
}

/// <summary>A teacher's or class teacher's form with its arguments, still to be read against the roster.</summary>
public sealed record TeacherRequest(TeacherForm Form, CommandArgs Args) : ChatRequest;

/// <summary><c>/lesson</c> or <c>/mark</c> without arguments: today's lessons, each a button into the lesson flow (ADR 0031).</summary>
public sealed record MarkWalkthroughRequest : ChatRequest;

/// <summary><c>/undo</c>: take back the last entry within the undo window.</summary>
public sealed record UndoRequest : ChatRequest;

/// <summary><c>/diary [сьогодні|завтра|тиждень|dd.MM]</c>; no days: the caller's default.</summary>
public sealed record DiaryRequest(DateRange? Days) : ChatRequest;

/// <summary><c>/marks [subject]</c>: the subject as typed, for <see cref="SubjectMatcher.Find"/> over the child's subjects.</summary>
public sealed record MarksRequest(string? Subject) : ChatRequest;

/// <summary>A parent's or student's <c>/homework [dd.MM]</c> (also "завтра", "тиждень", "пт").</summary>
public sealed record FamilyHomeworkRequest(DateRange? Days) : ChatRequest;

/// <summary>A parent's or student's <c>/attendance [сьогодні|тиждень|семестр]</c>.</summary>
public sealed record FamilyAttendanceRequest(AttendancePeriod? Period) : ChatRequest;

/// <summary><c>/timetable [dd.MM|тиждень]</c>.</summary>
public sealed record TimetableRequest(DateRange? Days) : ChatRequest;

/// <summary><c>/children</c>: choose which child the other commands are about.</summary>
public sealed record ChildrenRequest : ChatRequest;

/// <summary><c>/report</c>: the child's report of achievements.</summary>
public sealed record ReportRequest : ChatRequest;

/// <summary>A parent's <c>/absent [reason]</c>: the child is ill or away today.</summary>
/// <summary>A parent's report of an absence: the reason (null: ask), and the days (null: today).</summary>
public sealed record AbsenceReportRequest(string? Reason, DateRange? Days = null) : ChatRequest;

/// <summary><c>/start [code]</c>: greet, or link the chat with an invite's code (a deep link's payload).</summary>
public sealed record StartRequest(string? Code) : ChatRequest;

/// <summary><c>/help [command]</c>; the topic is a command's name when it names one.</summary>
public sealed record HelpRequest(string? Topic) : ChatRequest;

public sealed record SettingsRequest : ChatRequest;

public sealed record UnlinkRequest : ChatRequest;

/// <summary><c>/write</c> ("Написати вчителю"): a message to the child's class teacher or one of their teachers (ADR 0038).</summary>
public sealed record WriteRequest : ChatRequest;

/// <summary>/ack: who has and who has not acknowledged the staff member's latest announcement that asked for it (ADR 0045).</summary>
public sealed record AckRequest : ChatRequest;
