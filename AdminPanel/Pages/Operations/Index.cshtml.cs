using AdminPanel.Access;
using Bot.Domain.Notifications;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Operations;

/// <summary>
/// Operations: the school's outbox by state with reasons, attempts and the next attempt, filtered by state
/// and kind; a dead row sent again (audited); links by messenger with the closed ones and why; the jobs dashboard and,
/// in Development or demo mode, the bot preview. The director and the school's IT only.
/// </summary>
[Authorize(Policy = Policies.Operations)]
public sealed class IndexModel(PanelUser user, OutboxOperations operations, JobsDashboardLink jobs, BotPreviewLink preview, Bot.Domain.Talk.TalkService talk,
    Bot.Domain.Persistence.JournalDbContext db, Microsoft.Extensions.Configuration.IConfiguration configuration, TimeProvider clock) : PageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)]
    public OutboxState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public NotificationKind? Kind { get; set; }

    public string? SchoolName { get; private set; }
    public string TimeZone { get; private set; } = SchoolTime.DefaultTimeZone;
    public IReadOnlyDictionary<OutboxState, int> Counts { get; private set; } = new Dictionary<OutboxState, int>();
    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];
    public IReadOnlyList<LinkCounts> Links { get; private set; } = [];
    public IReadOnlyList<ClosedLink> Closed { get; private set; } = [];
    /// <summary>The conversations' counts and the oldest unanswered one's age, never their text (ADR 0038).</summary>
    public Bot.Domain.Talk.TalkOverview Talk { get; private set; } = new(0, 0, 0, null);

    /// <summary>"3 год", "2 дн." — how long the oldest unanswered conversation waits.</summary>
    public static string Age(TimeSpan age) => age.TotalHours < 1 ? $"{Math.Max(1, (int)age.TotalMinutes)} хв"
        : age.TotalDays < 2 ? $"{(int)age.TotalHours} год" : $"{(int)age.TotalDays} дн.";

    /// <summary>The messages sent over Viber in the last three months: inside a family's free session and outside it (paid), ADR 0049.</summary>
    public IReadOnlyList<Bot.Domain.Talk.ViberMonth> Viber { get; private set; } = [];

    /// <summary>The price of one paid Viber message (<c>Viber:PaidMessagePrice</c>, in hryvnias), when the school configured it.</summary>
    public decimal? ViberPrice { get; private set; }

    public string? JobsPath => jobs.Path;
    public string? PreviewPath => preview.Path;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return Page();
        SchoolName = school.Name;
        TimeZone = school.TimeZone;
        Counts = await operations.CountsAsync(school.Id, ct);
        Rows = await operations.RowsAsync(school.Id, State, Kind, Shown, ct);
        Links = await operations.LinkCountsAsync(school.Id, ct);
        Closed = await operations.ClosedLinksAsync(school.Id, ct: ct);
        Talk = await talk.OverviewAsync(school.Id, ct);
        Viber = await Bot.Domain.Talk.ViberSessions.MonthsAsync(db, school.Id, SchoolTime.Resolve(school.TimeZone), clock.GetUtcNow().UtcDateTime, ct: ct);
        ViberPrice = decimal.TryParse(configuration["Viber:PaidMessagePrice"], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture,
            out var price) && price > 0 ? price : null;
        return Page();
    }

    /// <summary>Sends a dead row again (an administrator's action in the audit trail).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid rowId, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        var result = await operations.RetryAsync(user.Actor, school.Id, rowId, ct);
        if (result.IsSuccess) TempData["Notice"] = "Повідомлення знову в черзі: відправник спробує надіслати його зараз.";
        else if (result.Error.Code.StartsWith("auth.", StringComparison.Ordinal)) return Forbid();
        else if (result.Error.Code == "not_found") return NotFound(); // another school's row (ADR 0022) or none
        else TempData["Error"] = result.Error.Message;
        return RedirectToPage(new { state = State, kind = Kind });
    }

    public string Local(DateTime? utc) => utc is { } u
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), SchoolTime.Resolve(TimeZone)).ToString("dd.MM.yyyy HH:mm:ss")
        : "—";

}
