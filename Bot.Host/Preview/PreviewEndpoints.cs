using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Host.Configuration;
using Bot.Host.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Host.Preview;

/// <summary>
/// The bot preview (docs/architecture.md "Processes"): a web chat where a person picks a demo parent, student, teacher or
/// class teacher and talks to the same conversation engine as Telegram and Viber — the third adapter. Anyone who
/// reaches the port may act as anyone it lists and write into their journal, so it is on only in
/// Development or with Demo:Seed AND while every school of the database is the demo school (<see cref="School.IsDemo"/>):
/// otherwise it is not mapped (404) and the log says why, once at start; a school added while it runs turns every
/// preview request into 404 before anything is read or written.
/// </summary>
public static class PreviewEndpoints
{
    public static bool IsEnabled(WebApplication app) =>
        app.Environment.IsDevelopment() || app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed;

    private static IResult Page(HttpContext http, string content, string type)
    {
        http.Response.Headers.ContentSecurityPolicy = PreviewPage.Csp;
        return Results.Content(content, type);
    }

    public static WebApplication MapBotPreview(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bot.Host.Preview");
        if (!IsEnabled(app))
        {
            log.LogInformation("Bot preview is off: it runs only in Development or with --demo (Demo:Seed).");
            return app;
        }

        if (WhyNot(app.Services) is { } reason)
        {
            log.LogWarning("Bot preview is off: {Reason}", reason);
            return app;
        }

        var group = app.MapGroup("/preview");
        group.AddEndpointFilter(async (context, next) =>
            await OnlyDemoSchoolsAsync(context.HttpContext.RequestServices.GetRequiredService<JournalDbContext>(), context.HttpContext.RequestAborted)
                ? await next(context)
                : Results.NotFound());
        group.MapGet("/", (HttpContext http) => Page(http, PreviewPage.Html, "text/html; charset=utf-8"));
        group.MapGet("/preview.css", (HttpContext http) => Page(http, PreviewPage.Style, "text/css; charset=utf-8"));
        group.MapGet("/preview.js", (HttpContext http) => Page(http, PreviewPage.Script, "text/javascript; charset=utf-8"));
        group.MapGet("/api/people", PeopleAsync);
        group.MapPost("/api/persona", PersonaAsync);
        group.MapPost("/api/send", SendAsync);
        log.LogInformation("Bot preview is on at /preview (the database holds the demo school only)");
        return app;
    }

    /// <summary>Why the preview may not run over this database (a school that is not the demo school, or none), or null.</summary>
    public static string? WhyNot(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        var schools = db.Schools.AsNoTracking().Select(s => new { s.Name, s.IsDemo }).ToList();
        if (schools.Count == 0) return "the database has no demo school (start with --demo on an empty database).";
        var others = schools.Where(s => !s.IsDemo).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        return others.Count == 0 ? null
            : $"the database holds {others.Count} school(s) that are not the demo school ({string.Join(", ", others)}); " +
              "the preview lets anyone act as any person and write into the journal, so it runs only over the demo school alone.";
    }

    private static async Task<bool> OnlyDemoSchoolsAsync(JournalDbContext db, CancellationToken ct) =>
        !await db.Schools.AnyAsync(s => !s.IsDemo, ct);

    public sealed record PersonDto(string Kind, Guid Id, string Name, string Note);

    public sealed record PersonaRequest(string Kind, Guid Id);

    /// <param name="MessageId">For a press: the preview's own id of the message the button was on (the one a replacement replaces).</param>
    public sealed record SendRequest(string ChatId, string? Text, string? Data, string? MessageId = null);

    public sealed record SpanDto(string Kind, string Text, string? Url);

    public sealed record ButtonDto(string Label, string Data);

    public sealed record MessageDto(IReadOnlyList<IReadOnlyList<SpanDto>> Lines, IReadOnlyList<IReadOnlyList<ButtonDto>> Buttons);

    /// <param name="Replace">The new content of the pressed message (the lesson flow, ADR 0031): the page replaces it in place.</param>
    public sealed record SendResponse(IReadOnlyList<MessageDto> Replies, string? Notice, MessageDto? Replace = null);

    /// <summary>A handful of people of each kind from the database, for the picker.</summary>
    private static async Task<IResult> PeopleAsync(JournalDbContext db, CancellationToken ct)
    {
        var people = new List<PersonDto>();
        var classNames = await db.Classes.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name.ToString(), ct);
        var classTeachers = await db.Classes.AsNoTracking().Where(c => c.ClassTeacherId != null).ToListAsync(ct);
        var firstClass = await db.Enrolments.AsNoTracking().Where(e => e.To == null).GroupBy(e => e.StudentId)
            .Select(g => new { g.Key, ClassId = g.Min(e => e.ClassId) }).ToDictionaryAsync(x => x.Key, x => x.ClassId, ct);

        var guardians = await db.GuardianStudents.AsNoTracking().GroupBy(g => g.GuardianId)
            .Select(g => new { g.Key, Children = g.Count() }).OrderByDescending(g => g.Children).Take(12).ToListAsync(ct);
        var guardianIds = guardians.Select(g => g.Key).ToList();
        foreach (var g in (await db.Guardians.AsNoTracking().Where(g => guardianIds.Contains(g.Id)).ToListAsync(ct)).OrderBy(g => g.SortKey, StringComparer.Ordinal))
            people.Add(new("guardian", g.Id, g.FullName, $"дітей: {guardians.Single(x => x.Key == g.Id).Children}"));

        foreach (var s in await db.Students.AsNoTracking().OrderBy(s => s.SortKey).Take(400).ToListAsync(ct))
            if (firstClass.TryGetValue(s.Id, out var c) && people.Count(p => p.Kind == "student") < 12)
                people.Add(new("student", s.Id, s.FullName, classNames.GetValueOrDefault(c, "")));

        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.SortKey).ToListAsync(ct);
        foreach (var t in staff.Where(s => s.Has(StaffRoles.ClassTeacher)).Take(8))
            people.Add(new("staff", t.Id, t.FullName, "класний керівник " + string.Join(", ", classTeachers.Where(c => c.ClassTeacherId == t.Id).Select(c => c.Name.ToString()))));
        foreach (var t in staff.Where(s => s.Has(StaffRoles.Teacher) && !s.Has(StaffRoles.ClassTeacher)).Take(8))
            people.Add(new("staff", t.Id, t.FullName, "вчитель"));
        foreach (var t in staff.Where(s => s.Roles.CanCorrectAnyJournal()).Take(3))
            people.Add(new("staff", t.Id, t.FullName, "адміністрація"));
        return Results.Ok(people);
    }

    /// <summary>Links a preview chat to the chosen person exactly as an invite would (an invite spent in the preview channel).</summary>
    private static async Task<IResult> PersonaAsync(PersonaRequest request, JournalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!Enum.TryParse<PersonKind>(request.Kind, ignoreCase: true, out var kind)) return Results.BadRequest("Невідомий вид особи.");
        Guid? schoolId = kind switch
        {
            PersonKind.Guardian => await db.Guardians.Where(g => g.Id == request.Id).Select(g => (Guid?)g.SchoolId).FirstOrDefaultAsync(ct),
            PersonKind.Student => await db.Students.Where(g => g.Id == request.Id).Select(g => (Guid?)g.SchoolId).FirstOrDefaultAsync(ct),
            _ => await db.Staff.Where(g => g.Id == request.Id).Select(g => (Guid?)g.SchoolId).FirstOrDefaultAsync(ct),
        };
        if (schoolId is null) return Results.NotFound("Такої особи немає.");

        var chatId = $"preview-{kind.ToString().ToLowerInvariant()}-{request.Id:N}";
        if (!await db.ChatLinks.AnyAsync(l => l.Channel == Channel.Preview && l.ChatId == chatId && l.IsActive, ct))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var invite = new Invite(schoolId.Value, kind, request.Id, now, TimeSpan.FromDays(1), null);
            db.Invites.Add(invite);
            db.InviteRedemptions.Add(new InviteRedemption(invite.Id, Channel.Preview, chatId, now));
            db.ChatLinks.Add(new ChatLink(schoolId.Value, Channel.Preview, chatId, chatId, kind, request.Id, invite.Id, now));
            await db.SaveChangesAsync(ct);
        }

        return Results.Ok(new { chatId });
    }

    private static async Task<IResult> SendAsync(SendRequest request, IConversation conversation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ChatId) || !request.ChatId.StartsWith("preview-", StringComparison.Ordinal))
            return Results.BadRequest("Спершу оберіть особу.");
        var incoming = new Incoming(Channel.Preview, request.ChatId, request.ChatId, request.Text, request.Data) { PressedMessageId = request.MessageId };
        var result = await conversation.HandleAsync(incoming, ct);
        // A replacement with no message to replace (a press from elsewhere) comes as a new message.
        var replace = result.Replace is { } r && request.MessageId is not null ? ToDto(r) : null;
        var replies = replace is null && result.Replace is not null ? result.AllMessages : result.Replies;
        return Results.Ok(new SendResponse(replies.Select(ToDto).ToList(), result.Notice, replace));
    }

    public static MessageDto ToDto(Message m) => new(
        m.Lines.Select(l => (IReadOnlyList<SpanDto>)l.Select(s => new SpanDto(s switch
        {
            Span.Bold => "b",
            Span.Italic => "i",
            Span.Code => "code",
            Span.Link => "a",
            _ => "t",
        }, s.Text, (s as Span.Link)?.Url)).ToList()).ToList(),
        m.Buttons.Select(r => (IReadOnlyList<ButtonDto>)r.Select(b => new ButtonDto(b.Label, b.Data)).ToList()).ToList());
}
