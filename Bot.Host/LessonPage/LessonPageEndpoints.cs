using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Serialization;
using Bot.Domain.Audit;
using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Host.Channels;
using Bot.Host.Conversation;
using Bot.Host.Conversation.Handlers;
using Bot.Host.Telegram;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Host.LessonPage;

/// <summary>
/// The lesson page (ADR 0046), served by the bot role at the public address under <c>/lesson/</c>:
/// <list type="bullet">
/// <item><c>GET /lesson/{lesson|today}</c>: the page (one static shell; its script reads the address). With a Viber
/// button's signed link (<c>?staff=…&amp;expires=…&amp;sig=…</c>) it first trades the link for the lesson session and
/// redirects to the bare address; a forged or expired link gets a Ukrainian page and no session.</item>
/// <item><c>POST /lesson/api/session</c> <c>{initData}</c>: Telegram's Mini App launch data, validated as documented,
/// traded for the session of the linked staff member.</item>
/// <item><c>GET /lesson/api/{lesson}</c>, <c>POST /lesson/api/{lesson}/entries</c>: the lesson and one entry, with an
/// idempotency key (an entry sent twice is written once) and the phone's time (kept in the audit record);
/// <c>GET /lesson/api/today</c>, <c>POST /lesson/api/today/{entry}</c>: the day's list and opening one of it.</item>
/// </list>
/// The session is an HttpOnly cookie signed by the installation, for one staff member and one school day, valid to the end of that day.
/// </summary>
public static class LessonPageEndpoints
{
    public static IHostApplicationBuilder AddLessonPage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LessonPageOptions>().BindConfiguration(LessonPageOptions.Section);
        builder.Services.TryAddSingleton<LessonPageLinks>();
        builder.Services.TryAddSingleton<UpdatesInFlight>();
        builder.Services.TryAddScoped<UpdateClaim>();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // only the lesson page's responses are compressed (UseLessonPageCompression): no secrets reflected in them
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>Response compression for the lesson page's paths (before the endpoints run).</summary>
    public static WebApplication UseLessonPageCompression(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/lesson"), a => a.UseResponseCompression());
        return app;
    }

    public static WebApplication MapLessonPage(this WebApplication app)
    {
        var group = app.MapGroup("/lesson").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/app.js", (HttpContext http) => Asset(http, "app.js", "text/javascript; charset=utf-8"));
        group.MapGet("/app.css", (HttpContext http) => Asset(http, "app.css", "text/css; charset=utf-8"));
        group.MapGet("/sw.js", (HttpContext http) => Asset(http, "sw.js", "text/javascript; charset=utf-8"));
        group.MapGet("/shell", (HttpContext http) => Asset(http, "page.html", "text/html; charset=utf-8"));
        group.MapGet("/{page:regex(^([0-9a-f]{{32}}|today)$)}", OpenAsync);
        group.MapPost("/api/session", SessionAsync);
        group.MapGet("/api/today", TodayAsync);
        group.MapPost("/api/today/{entryId:guid}", OpenEntryAsync);
        group.MapGet("/api/{lessonId:guid}", LessonAsync);
        group.MapPost("/api/{lessonId:guid}/entries", EntryAsync);
        return app;
    }

    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'self' https://web.telegram.org; object-src 'none'; base-uri 'none'; form-action 'self'";

    // ---- the page ----

    private static async Task<IResult> OpenAsync(string page, string? staff, string? expires, string? sig, HttpContext http, LessonPageLinks links,
        JournalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (staff is null && expires is null && sig is null) return Asset(http, "page.html", "text/html; charset=utf-8");
        http.Response.Headers.CacheControl = "no-store";
        switch (links.VerifyLink(page, staff, expires, sig, out var staffId))
        {
            case LessonPageLinks.Check.Forged:
                return Refusal(StatusCodes.Status403Forbidden, "Посилання недійсне", "Це посилання не відкриває сторінку уроку. Відкрийте урок кнопкою в чаті з ботом.");
            case LessonPageLinks.Check.Expired:
                return Refusal(StatusCodes.Status410Gone, "Посилання застаріло",
                    "Кнопка сторінки уроку діє недовго. Відкрийте урок у чаті з ботом ще раз і натисніть кнопку сторінки в новому повідомленні.");
        }

        // The link is for one staff member: the session speaks for their Viber chat with the bot.
        var link = await db.ChatLinks.AsNoTracking().Where(l => l.Channel == Channel.Viber && l.Kind == PersonKind.Staff && l.PersonId == staffId && l.IsActive)
            .OrderByDescending(l => l.LinkedAtUtc).FirstOrDefaultAsync(ct);
        if (link is null) return Refusal(StatusCodes.Status403Forbidden, "Немає доступу", "Цей чат більше не пов’язано з працівником школи. Зверніться до адміністратора школи.");
        if (!await StartSessionAsync(http, links, db, clock, staffId, Channel.Viber, link.ChatId, ct))
            return Refusal(StatusCodes.Status403Forbidden, "Немає доступу", "Не вдалося відкрити сторінку уроку. Зверніться до адміністратора школи.");
        return Results.Redirect(LessonPageLinks.Prefix + page, permanent: false);
    }

    public sealed record SessionRequest(string? InitData);

    private static async Task<IResult> SessionAsync(SessionRequest request, HttpContext http, LessonPageLinks links, IOptions<TelegramOptions> telegram,
        JournalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var check = TelegramInitData.Validate(request.InitData, telegram.Value.Token, clock.GetUtcNow(), links.InitDataMaxAge);
        if (check.Check == TelegramInitData.Check.Forged)
            return Problem(StatusCodes.Status403Forbidden, "Немає доступу", "Дані Telegram не пройшли перевірку. Відкрийте урок кнопкою в чаті з ботом.");
        var userId = check.UserId.ToString(CultureInfo.InvariantCulture);
        if (check.Check == TelegramInitData.Check.Stale)
        {
            // Signed by Telegram but old: a reload of a page opened earlier today keeps the session it got then, nothing more.
            var current = links.ReadSession(http.Request.Cookies[LessonPageLinks.CookieName]);
            if (current is { Channel: Channel.Telegram } && TelegramUserOf(request.InitData) is { } who && current.ChatId == who) return Results.Ok(new { ok = true });
            return Problem(StatusCodes.Status401Unauthorized, "Сторінку відкрито надто давно",
                "Дані входу з Telegram застаріли. Закрийте сторінку й відкрийте урок кнопкою в чаті з ботом ще раз.");
        }

        var link = await db.ChatLinks.AsNoTracking().Where(l => l.Channel == Channel.Telegram && l.Kind == PersonKind.Staff && l.UserId == userId && l.IsActive)
            .OrderByDescending(l => l.LinkedAtUtc).FirstOrDefaultAsync(ct);
        if (link is null || !await StartSessionAsync(http, links, db, clock, link.PersonId, Channel.Telegram, link.ChatId, ct))
            return Problem(StatusCodes.Status403Forbidden, "Немає доступу",
                "Ваш обліковий запис Telegram не пов’язано з працівником школи, тож сторінка уроку для вас недоступна.");
        return Results.Ok(new { ok = true });
    }

    private static string? TelegramUserOf(string? initData)
    {
        var user = initData?.Split('&').FirstOrDefault(p => p.StartsWith("user=", StringComparison.Ordinal));
        if (user is null) return null;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(Uri.UnescapeDataString(user[5..]));
            return json.RootElement.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The session cookie: this staff member, the school's today, until the school's midnight.</summary>
    private static async Task<bool> StartSessionAsync(HttpContext http, LessonPageLinks links, JournalDbContext db, TimeProvider clock,
        Guid staffId, Channel channel, string chatId, CancellationToken ct)
    {
        var school = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Join(db.Schools, s => s.SchoolId, x => x.Id, (s, x) => x.TimeZone).FirstOrDefaultAsync(ct);
        if (school is null) return false;
        var zone = SchoolTime.Resolve(school);
        var localNow = SchoolTime.LocalNow(clock, school);
        var midnight = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localNow.Date.AddDays(1), DateTimeKind.Unspecified), zone);
        var session = new LessonPageLinks.Session(staffId, channel, chatId, DateOnly.FromDateTime(localNow), new DateTimeOffset(midnight, TimeSpan.Zero));
        if (links.SessionToken(session) is not { } token) return false;
        http.Response.Cookies.Append(LessonPageLinks.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/lesson",
            MaxAge = session.Expires - clock.GetUtcNow(), // kept through a closed webview; the token says its own end as well
        });
        return true;
    }

    // ---- the API ----

    /// <summary>The chat context the lesson flow's checks need, for the session's staff member only, on their school's clock.</summary>
    private static async Task<(ChatContext? Ctx, IResult? Refused)> ContextAsync(HttpContext http, LessonPageLinks links, CachedReads reads,
        TimeProvider clock, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var session = links.ReadSession(http.Request.Cookies[LessonPageLinks.CookieName]);
        if (session is null) return (null, Problem(StatusCodes.Status401Unauthorized, "Потрібно відкрити урок з бота", SessionGone));
        var persona = await reads.PersonaAsync(session.Channel, session.ChatId, ct);
        var staff = persona.Staff.FirstOrDefault(s => s.StaffId == session.StaffId);
        if (staff is null) return (null, Problem(StatusCodes.Status403Forbidden, "Немає доступу", "Цей чат більше не пов’язано з працівником школи."));
        var zone = await reads.TimeZoneAsync(staff.SchoolId, ct);
        var localNow = SchoolTime.LocalNow(clock, zone);
        if (DateOnly.FromDateTime(localNow) != session.Day) return (null, Problem(StatusCodes.Status401Unauthorized, "Навчальний день скінчився", SessionGone));
        var calendar = await reads.CalendarAsync(staff.SchoolId, ct);
        var incoming = new Incoming(session.Channel, session.ChatId, session.ChatId, null);
        var ctx = new ChatContext(incoming, persona with { Staff = [staff] }, new ChatSession(session.Channel, session.ChatId), DateOnly.FromDateTime(localNow), localNow, zone)
        {
            LocalNowBySchool = new Dictionary<Guid, DateTime> { [staff.SchoolId] = localNow },
            CalendarBySchool = new Dictionary<Guid, Bot.Domain.Diary.SchoolDays> { [staff.SchoolId] = calendar },
            Calendar = calendar,
        };
        return (ctx, null);
    }

    private const string SessionGone = "Сторінка уроку діє до кінця навчального дня, на який її відкрито. Відкрийте урок кнопкою в чаті з ботом.";

    private static async Task<IResult> LessonAsync(Guid lessonId, HttpContext http, LessonPageLinks links, CachedReads reads, TeacherHandlers teacher,
        TimeProvider clock, CancellationToken ct)
    {
        var (ctx, refused) = await ContextAsync(http, links, reads, clock, ct);
        if (ctx is null) return refused!;
        var (lesson, refusal) = await teacher.PageLessonAsync(ctx, lessonId, ct);
        return lesson is null ? Problem(StatusCodes.Status403Forbidden, "Урок недоступний", refusal!) : Results.Ok(lesson);
    }

    private static async Task<IResult> TodayAsync(HttpContext http, LessonPageLinks links, CachedReads reads, TeacherHandlers teacher, TimeProvider clock, CancellationToken ct)
    {
        var (ctx, refused) = await ContextAsync(http, links, reads, clock, ct);
        if (ctx is null) return refused!;
        return Results.Ok(new { date = ctx.Today.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), lessons = await teacher.PageTodayAsync(ctx, ct) });
    }

    private static async Task<IResult> OpenEntryAsync(Guid entryId, HttpContext http, LessonPageLinks links, CachedReads reads, TeacherHandlers teacher,
        TimeProvider clock, CancellationToken ct)
    {
        var (ctx, refused) = await ContextAsync(http, links, reads, clock, ct);
        if (ctx is null) return refused!;
        var (lessonId, refusal) = await teacher.PageOpenEntryAsync(ctx, entryId, ct);
        return lessonId is { } id ? Results.Ok(new { lessonId = LessonPageLinks.PageOf(id) }) : Problem(StatusCodes.Status403Forbidden, "Урок недоступний", refusal!);
    }

    public sealed record EntryRequest(
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("at")] DateTimeOffset? At,
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("student")] Guid? Student,
        [property: JsonPropertyName("value")] string? Value,
        [property: JsonPropertyName("was")] string? Was,
        [property: JsonPropertyName("absent")] IReadOnlyList<Guid>? Absent,
        [property: JsonPropertyName("text")] string? Text);

    /// <summary>
    /// One entry: claimed by its key first (a ProcessedUpdate row committed with the write, ADR 0020), so an entry the
    /// phone sends again — a lost answer, a second tab — is written once; the phone's time goes into the audit record's context.
    /// </summary>
    private static async Task<IResult> EntryAsync(Guid lessonId, EntryRequest request, HttpContext http, LessonPageLinks links, CachedReads reads,
        TeacherHandlers teacher, UpdateClaim claim, TimeProvider clock, CancellationToken ct)
    {
        var (ctx, refused) = await ContextAsync(http, links, reads, clock, ct);
        if (ctx is null) return refused!;
        if (request.Key is not { } key || !Guid.TryParse(key, out var keyId) || request.Kind is null)
            return Problem(StatusCodes.Status400BadRequest, "Незрозумілий запис", "Незрозумілий запис: оновіть сторінку.");
        if (!await claim.BeginAsync(Channel.Web, "lp:" + keyId.ToString("N"), ct))
        {
            var (now, _) = await teacher.PageLessonAsync(ctx, lessonId, ct);
            return Results.Ok(new { ok = true, duplicate = true, message = "Цей запис уже внесено.", lesson = now });
        }

        var note = "сторінка уроку" + (request.At is { } at
            ? ", час на телефоні " + TimeZoneInfo.ConvertTime(at, SchoolTime.Resolve(ctx.TimeZone)).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture)
            : "");
        var outcome = await teacher.PageWriteAsync(ctx, lessonId,
            new TeacherHandlers.PageEntry(request.Kind, request.Student, request.Value, request.Was, request.Absent, request.Text), note, ct);
        if (!outcome.Ok) return Results.Json(new { ok = false, message = outcome.Message }, statusCode: StatusCodes.Status422UnprocessableEntity);
        if (!outcome.Wrote) await claim.CompleteAsync(ct);
        var lesson = outcome.Lesson ?? (await teacher.PageLessonAsync(ctx, lessonId, ct)).Lesson;
        return Results.Ok(new { ok = true, message = outcome.Message, lesson });
    }

    // ---- helpers ----

    private static IResult Problem(int status, string title, string message) => Results.Json(new { ok = false, title, message }, statusCode: status);

    private static IResult Refusal(int status, string title, string message)
    {
        var html = $"<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + $"<title>{WebUtility.HtmlEncode(title)}</title><link rel=\"stylesheet\" href=\"/lesson/app.css\"></head><body><main class=\"refusal\"><h1>{WebUtility.HtmlEncode(title)}</h1>"
            + $"<p>{WebUtility.HtmlEncode(message)}</p></main></body></html>";
        return new HtmlResult(html, status);
    }

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = Csp;
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(html);
        }
    }

    private static readonly Assembly Self = typeof(LessonPageEndpoints).Assembly;
    private static readonly Dictionary<string, (byte[] Bytes, string ETag)> Assets = new(StringComparer.Ordinal);

    private static IResult Asset(HttpContext http, string name, string contentType)
    {
        (byte[] Bytes, string ETag) asset;
        lock (Assets)
        {
            if (!Assets.TryGetValue(name, out asset))
            {
                using var stream = Self.GetManifestResourceStream("Bot.Host.LessonPage.Assets." + name) ?? throw new InvalidOperationException($"No asset {name}.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                asset = Assets[name] = (bytes, "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + "\"");
            }
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.CacheControl = "no-cache"; // revalidated by ETag: an updated page reaches the phone on its next load
        headers.ETag = asset.ETag;
        if (name == "sw.js") headers["Service-Worker-Allowed"] = LessonPageLinks.Prefix;
        if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, contentType);
    }
}
