using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Grading;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.AdminPanel.Journal;

/// <summary>
/// The panel over the test school on the school's clock (Friday 20 November 2026, 10:00 in Kyiv), with the algebra
/// page of 7-А holding lessons on 16 and 18 November and a few marks (written as the system, as history).
/// </summary>
public static class JournalPanel
{
    public static readonly DateOnly Monday = new(2026, 11, 16);
    public static readonly DateOnly Wednesday = new(2026, 11, 18);

    public static async Task<(PanelApp App, FakeTimeProvider Clock)> StartAsync(bool kestrel = false)
    {
        var clock = new FakeTimeProvider(Builders.TestSchool.Now);
        var app = await PanelApp.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)), kestrel);
        var s = app.School!;
        await using var db = app.Database.NewContext();
        var journal = new JournalService(db, clock, new JournalSettings());
        var system = Actor.System();
        var monday = (await journal.RecordLessonAsync(system, new LessonInput(s.Class7A.Id, s.Algebra.Id, null, Monday, 2, "Одночлени", "Тема 2. Одночлени й многочлени"), false)).GetValueOrThrow();
        var wednesday = (await journal.RecordLessonAsync(system, new LessonInput(s.Class7A.Id, s.Algebra.Id, null, Wednesday, 2, "Многочлени", Homework: "§ 4, № 101"), false)).GetValueOrThrow();
        (await journal.SetCellsAsync(system, [Cell(s.Ivanenko.Id, monday, "9"), Cell(s.Petrenko.Id, monday, "7")], false)).GetValueOrThrow();
        (await journal.SetCellsAsync(system, [Cell(s.Ivanenko.Id, wednesday, "10", "самостійна"), Cell(s.Petrenko.Id, wednesday, "н")], false)).GetValueOrThrow();
        return (app, clock);

        CellInput Cell(Guid student, Lesson lesson, string text, string? kind = null) =>
            new(student, s.Class7A.Id, s.Algebra.Id, MarkColumn.Current, text, lesson.Id, WorkKind: kind);
    }

    public static string GridUrl(PanelApp app, Guid? subjectId = null) => $"/Journal/Grid/{app.School!.Class7A.Id}/{subjectId ?? app.School.Algebra.Id}";

    /// <summary>The audit records the web channel wrote.</summary>
    public static List<AuditRecord> WebAudit(PanelApp app)
    {
        using var db = app.Database.NewContext();
        return db.AuditRecords.Where(r => r.Channel == Channel.Web).InWrittenOrder().ToList();
    }
}
