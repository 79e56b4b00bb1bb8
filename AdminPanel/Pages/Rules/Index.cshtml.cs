using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Rules;

/// <summary>The form of a school's notification rules, as typed (times as text, so "25:00" gets its own explanation).</summary>
public sealed class RulesInput
{
    public bool AbsenceAlerts { get; set; }

    /// <summary>`all`, `threshold` or `none`.</summary>
    public string MarkAlerts { get; set; } = "all";

    [Display(Name = "Поріг (бал)")]
    public int? MarkThreshold { get; set; }

    public bool HomeworkNotices { get; set; }
    public bool DailyDiary { get; set; }
    public bool Announcements { get; set; }

    [Display(Name = "Час вечірнього щоденника")]
    public string? DiaryTime { get; set; }

    [Display(Name = "Тихі години з")]
    public string? QuietFrom { get; set; }

    [Display(Name = "до")]
    public string? QuietTo { get; set; }

    [Display(Name = "Вікно виправлення, хв")]
    public int? UndoWindowMinutes { get; set; }

    public bool ViberAlerts { get; set; }

    /// <summary>"Клас в укритті" and "Відбій" over Viber even with <see cref="ViberAlerts"/> off (ADR 0044).</summary>
    public bool ViberUrgent { get; set; } = true;

    /// <summary>Students get their own diary and notices from this grade on; null: not at all.</summary>
    [Display(Name = "Учням — власний щоденник і сповіщення")]
    public int? StudentsFromGrade { get; set; }

    public NotificationRulesInput ToDomain() => new(AbsenceAlerts, MarkAlerts, MarkThreshold, HomeworkNotices, DailyDiary, Announcements,
        DiaryTime, QuietFrom, QuietTo, UndoWindowMinutes, ViberAlerts, StudentsFromGrade, ViberUrgent);

    public static RulesInput From(NotificationRules r, TimeSpan undoWindow) => new()
    {
        AbsenceAlerts = r.AbsenceAlerts,
        MarkAlerts = r.MarkAlerts.Off ? "none" : r.MarkAlerts.AtOrBelow is null ? "all" : "threshold",
        MarkThreshold = r.MarkAlerts.AtOrBelow ?? 6,
        HomeworkNotices = r.HomeworkNotices,
        DailyDiary = r.DailyDiary,
        Announcements = r.Announcements,
        DiaryTime = r.DiaryTime.ToString("HH:mm"),
        QuietFrom = r.QuietFrom?.ToString("HH:mm"),
        QuietTo = r.QuietTo?.ToString("HH:mm"),
        UndoWindowMinutes = (int)Math.Round(undoWindow.TotalMinutes),
        ViberAlerts = r.ViberAlerts,
        ViberUrgent = r.ViberUrgent,
        StudentsFromGrade = r.StudentsFromGrade,
    };
}

/// <summary>
/// "Правила сповіщень": the school's notification rules — which kinds go, the mark alert rule, homework at once
/// or in the diary, the default diary time and quiet hours, the undo window, alerts over Viber — with the installation's
/// defaults until the school saves its own, and a preview of what a parent of a child of the school would get.
/// Settings are the administrators' (the director, the school's IT).
/// </summary>
[Authorize(Policy = Policies.Users)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, NotificationRulesService rules, INotificationPreview preview, TimeProvider clock,
    ConsentService consents, Bot.Domain.Talk.TalkService talk) : PageModel
{
    /// <summary>Students may write to their teachers through the bot themselves (ADR 0038).</summary>
    [BindProperty]
    public bool StudentsMayWrite { get; set; }

    /// <summary>Years conversations are kept after the school year they began in (ADR 0038).</summary>
    [BindProperty]
    public int TalkKeepYears { get; set; } = School.DefaultTalkKeepYears;

    /// <summary>The conversation rules: students writing, and how long conversations are kept; audited.</summary>
    public async Task<IActionResult> OnPostTalkAsync(CancellationToken ct)
    {
        var (students, years) = (StudentsMayWrite, TalkKeepYears);
        if (await LoadAsync(ct) is not { } current) return NotFound();
        Input = RulesInput.From(current.Rules, current.Undo);
        var saved = await talk.SaveRulesAsync(user.Actor, School!.Id, students, years, ct);
        if (!saved.IsSuccess)
        {
            (StudentsMayWrite, TalkKeepYears) = (students, years);
            ModelState.AddModelError(nameof(TalkKeepYears), saved.Error.Message);
            return Page();
        }

        TempData["Notice"] = saved.Value ? "Правила розмов збережено." : "Правила розмов не змінилися.";
        return RedirectToPage();
    }

    /// <summary>The consent text guardians are asked to agree to in the chat (ADR 0035): its current version (0: the standard text).</summary>
    public int ConsentVersion { get; private set; }

    public List<ConsentText> ConsentVersions { get; private set; } = [];

    [BindProperty]
    public string? ConsentTextInput { get; set; }

    public School? School { get; private set; }
    public bool IsStored { get; private set; }
    public string PreviewStudent { get; private set; } = "";
    public IReadOnlyList<PreviewMessage> Preview { get; private set; } = [];

    [BindProperty]
    public RulesInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } current) return Page();
        Input = RulesInput.From(current.Rules, current.Undo);
        return Page();
    }

    /// <summary>Saves the consent text as a new version (an administrator's); consents given to earlier versions stay in force.</summary>
    public async Task<IActionResult> OnPostConsentTextAsync(CancellationToken ct)
    {
        var posted = ConsentTextInput; // read before the page's load fills an empty field with the current text
        if (await LoadAsync(ct) is not { } current) return NotFound();
        Input = RulesInput.From(current.Rules, current.Undo);
        ConsentTextInput = posted;
        var saved = await consents.SaveTextAsync(user.Actor, School!.Id, posted, ct);
        if (!saved.IsSuccess)
        {
            ModelState.AddModelError(nameof(ConsentTextInput), saved.Error.Message);
            return Page();
        }

        TempData["Notice"] = $"Текст згоди збережено (версія {saved.Value!.Version}). Його побачать батьки, які ще не дали згоди.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null) return NotFound();
        foreach (var error in NotificationRulesService.Validate(Input.ToDomain(), out _))
            ModelState.AddModelError("Input." + error.Code["rules.".Length..], error.Message);
        if (!ModelState.IsValid) return Page();

        var saved = await rules.SaveAsync(user.Actor, School!.Id, Input.ToDomain(), ct);
        if (!saved.IsSuccess)
        {
            ModelState.AddModelError("", saved.Error.Message);
            return Page();
        }

        TempData["Notice"] = "Правила сповіщень збережено. Вони діють для нових сповіщень одразу.";
        return RedirectToPage();
    }

    private async Task<(NotificationRules Rules, TimeSpan Undo)?> LoadAsync(CancellationToken ct)
    {
        School = await user.SchoolAsync(ct);
        if (School is null) return null;
        var current = await rules.ForSchoolAsync(School.Id, ct);
        var undo = await rules.UndoWindowAsync(School.Id, ct);
        IsStored = await rules.IsStoredAsync(School.Id, ct);
        // A child of the school for the preview (the first on record); a made-up one while the school has none.
        PreviewStudent = await db.Students.AsNoTracking().Where(s => s.SchoolId == School.Id).OrderBy(s => s.Id)
            .Select(s => s.LastName + " " + s.FirstName).FirstOrDefaultAsync(ct) ?? "Іваненко Олег";
        Preview = preview.Preview(current, undo, PreviewStudent, SchoolTime.Today(clock, School.TimeZone));
        (ConsentVersion, var consentText) = await consents.CurrentTextAsync(School.Id, ct);
        ConsentVersions = await consents.VersionsAsync(School.Id, ct);
        ConsentTextInput ??= consentText;
        StudentsMayWrite = School.StudentsMayWrite;
        TalkKeepYears = School.TalkKeepYears;
        return (current, undo);
    }
}
