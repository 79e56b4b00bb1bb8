using Microsoft.Extensions.DependencyInjection.Extensions;
using Bot.Domain.Attendance;
using Bot.Domain.Diary;
using Bot.Host.Conversation.Handlers;

namespace Bot.Host.Conversation;

public static class ConversationExtensions
{
    /// <summary>The channel-neutral conversation that every adapter (Telegram, Viber, the preview) talks to.</summary>
    public static IHostApplicationBuilder AddConversation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IConversation, ConversationEngine>();
        builder.Services.AddSingleton<ConversationCache>();
        builder.Services.AddSingleton<DeferredReplies>();
        builder.Services.AddScoped<CachedReads>();
        builder.Services.AddScoped<FamilyHandlers>();
        builder.Services.AddScoped<TeacherHandlers>();
        builder.Services.TryAddScoped<Bot.Domain.Journal.CalendarPlanService>(); // the plan's next topic in the lesson flow (ADR 0050)
        builder.Services.TryAddSingleton<Bot.Host.LessonPage.LessonPageLinks>(); // the lesson page's buttons (ADR 0046)
        builder.Services.AddScoped<SettingsHandler>();
        // The school's rules (undo window, default diary time and quiet hours); Program.cs registers them from `Notifications:*` first.
        builder.Services.TryAddSingleton(new Bot.Domain.Notifications.NotificationDefaults());
        builder.Services.TryAddScoped<Bot.Domain.Notifications.NotificationRulesService>();
        builder.Services.TryAddScoped<Bot.Domain.Notifications.ConsentService>();
        builder.Services.AddScoped<ConsentHandler>();
        builder.Services.AddScoped<TalkHandler>();
        builder.Services.TryAddScoped<Bot.Domain.Talk.TalkService>();
        builder.Services.TryAddScoped<Bot.Domain.Talk.StandInService>();
        builder.Services.AddScoped<TeacherRoster>();
        builder.Services.AddScoped<DiaryQueries>();
        builder.Services.AddScoped<Bot.Domain.Printing.StudentReportPdf>();
        builder.Services.AddScoped<AbsenceNoticeService>();
        builder.Services.AddScoped<AbsenceExcuseButton>();
        builder.Services.TryAddScoped<Bot.Domain.Notifications.AcknowledgementService>();
        builder.Services.TryAddScoped<Bot.Domain.Forms.FormService>();
        builder.Services.AddScoped<AnnouncementAckButton>();
        builder.Services.AddScoped<FormAnswerButton>();
        builder.Services.TryAddScoped<Bot.Domain.Timetable.ShelterService>();
        builder.Services.AddScoped<ShelterButton>();
        return builder;
    }
}
