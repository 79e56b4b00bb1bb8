using System.Net;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Channels;

/// <summary>
/// The page a slip's QR code opens (ADR 0042), at the installation's public address: <c>GET /j/{code}</c> offers both
/// messengers — Telegram's <c>t.me/&lt;bot&gt;?start=&lt;code&gt;</c> and Viber's <c>viber://pa?chatURI=…&amp;context=&lt;code&gt;</c> —
/// and the code to type. It never looks the code up: a valid, an expired and a made-up code of the right shape get the
/// same page (no oracle for guessing, nothing to brake); the bot judges the code when it arrives. It names the school
/// only when the installation has one (a name is all it shows), loads nothing from elsewhere, and is not cached or
/// indexed. A text that cannot be a code gets a plain 404.
/// </summary>
public static class InvitePage
{
    public static WebApplication MapInvitePage(this WebApplication app)
    {
        app.MapGet(InviteLinks.PagePath + "{code}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PageAsync(string code, HttpContext http, IBotAddresses bots, JournalDbContext db, CancellationToken ct)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

        var canonical = InviteCode.IsLegacy(code) ? code : InviteCode.Normalize(code);
        if (canonical is null) return Results.Content(Html(null, Unknown), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

        var schools = await db.Schools.AsNoTracking().Select(s => s.Name).Take(2).ToListAsync(ct);
        var school = schools.Count == 1 ? schools[0] : null;
        return Results.Content(Html(school, Body(canonical, bots.TelegramUsername, bots.ViberChatUri)), "text/html; charset=utf-8");
    }

    private const string Unknown = "<h1>Запрошення не знайдено</h1><p>Перевірте посилання або наведіть камеру телефона на QR-код ще раз. "
        + "Якщо не вийде, попросіть нове запрошення в класного керівника.</p>";

    private static string Body(string code, string? botUsername, string? viberChatUri)
    {
        var telegram = InviteLinks.Telegram(botUsername, code);
        var viber = InviteLinks.Viber(viberChatUri, code);
        static string e(string s) => WebUtility.HtmlEncode(s);
        var buttons = (telegram.Length > 0 ? $"<a class=\"btn tg\" href=\"{e(telegram)}\">Відкрити в Telegram</a>" : "")
            + (viber.Length > 0 ? $"<a class=\"btn vb\" href=\"{e(viber)}\">Відкрити у Viber</a>" : "");
        var choose = buttons.Length > 0
            ? "<p>Оберіть месенджер, у якому хочете отримувати щоденник і сповіщення. Бот відкриється з вашим кодом — "
              + "натисніть «Почати» («Start»), якщо месенджер про це попросить.</p>" + $"<div class=\"buttons\">{buttons}</div>"
            : "<p>Бот школи ще не налаштований. Спробуйте пізніше або зверніться до класного керівника.</p>";
        return "<h1>Запрошення до електронного щоденника</h1>" + choose
            + $"<p>Можна й так: знайдіть бота школи та надішліть йому код:</p><p class=\"code\">{e(InviteCode.Display(code))}</p>"
            + "<p class=\"note\">Код особистий — не передавайте його іншим. Він діє обмежений час; якщо бот його не прийме, "
            + "попросіть нове запрошення в класного керівника.</p>";
    }

    private static string Html(string? school, string body) => $$"""
        <!DOCTYPE html>
        <html lang="uk">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta name="robots" content="noindex, nofollow">
        <title>Запрошення до електронного щоденника</title>
        <style>
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1d2329;line-height:1.45}
        main{max-width:28rem;margin:0 auto;padding:1.25rem 1rem 2rem}
        .school{color:#5a6570;font-size:.95rem;margin:0 0 .25rem}
        h1{font-size:1.35rem;margin:.25rem 0 1rem}
        .buttons{display:flex;flex-direction:column;gap:.75rem;margin:1rem 0 1.5rem}
        .btn{display:block;text-align:center;padding:.95rem 1rem;border-radius:.75rem;color:#fff;text-decoration:none;font-weight:600;font-size:1.1rem}
        .tg{background:#2481cc}.vb{background:#7360f2}
        .code{font:700 1.5rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em;background:#fff;border:1px solid #d5dbe1;border-radius:.5rem;padding:.6rem .75rem;text-align:center;user-select:all}
        .note{color:#5a6570;font-size:.9rem}
        </style>
        </head>
        <body>
        <main>
        {{(school is null ? "" : $"<p class=\"school\">{WebUtility.HtmlEncode(school)}</p>")}}
        {{body}}
        </main>
        </body>
        </html>
        """;
}
