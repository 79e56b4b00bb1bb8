using AdminPanel.Access;
using Bot.Domain.Archive;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Archive;

/// <summary>
/// The year-end archive (J-14; seeds 000, 002): the school's years, the PDF/A journals of each closed year with their
/// SHA-256, the audit chain's head at closing and the day they are kept until, for download by the director and deputies;
/// the director closes the current year (a background job, its progress polled here) and then opens the next one.
/// </summary>
[Authorize(Policy = Policies.Archive)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, TimeProvider clock, YearArchiveService archive, NextYearService nextYear,
    IYearClosingQueue queue) : PageModel
{
    /// <summary>An archived journal without its bytes; <see cref="Intact"/> is set once its checksum was recomputed.</summary>
    public sealed record JournalRow(Guid Id, string ClassName, string FileName, int Pages, long Bytes, string Sha256, long AuditHeadSequence,
        string AuditHeadHash, DateOnly KeepUntil, string ClosedBy, DateTime ClosedAtUtc)
    {
        public bool? Intact { get; set; }
    }

    public sealed record YearRow(SchoolYear Year, List<JournalRow> Journals, YearClosing? LastClosing);

    public List<YearRow> Years { get; private set; } = [];

    /// <summary>The year a director may close now (the school's current, open year), else null.</summary>
    public SchoolYear? Closable { get; private set; }

    /// <summary>The closed year after which no year exists yet: the next one may be opened.</summary>
    public SchoolYear? Continuable { get; private set; }

    public (DateOnly S1, DateOnly E1, DateOnly S2, DateOnly E2)? Proposed { get; private set; }
    public DateOnly Today { get; private set; }
    public bool Verified { get; private set; }
    public bool MayClose { get; private set; }

    /// <summary>A closing under way: the page reloads itself until it is done.</summary>
    public YearClosing? Running { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(verify: false, ct);

    /// <summary>Recomputes each stored journal's SHA-256 and compares it with the one recorded at closing.</summary>
    public async Task OnGetVerifyAsync(CancellationToken ct) => await LoadAsync(verify: true, ct);

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        var row = await db.ArchivedJournals.AsNoTracking().Where(j => j.Id == id)
            .Select(j => new { j.SchoolId, j.FileName, j.Content }).FirstOrDefaultAsync(ct);
        if (row is null || school is null) return NotFound();
        if (row.SchoolId != school.Id) return Forbid();
        return File(row.Content, "application/pdf", row.FileName);
    }

    [HandlerPolicy(Policies.CloseYear)]
    public async Task<IActionResult> OnPostCloseAsync(Guid? yearId, bool confirmEarly, CancellationToken ct)
    {
        await LoadAsync(verify: false, ct);
        if (yearId is not { } id || Years.All(y => y.Year.Id != id))
        {
            ModelState.AddModelError("Close", "Оберіть навчальний рік, який треба закрити.");
            return Page();
        }

        var requested = await archive.RequestAsync(user.Actor, id, confirmEarly, ct);
        if (!requested.IsSuccess)
        {
            ModelState.AddModelError("Close", requested.Error.Message);
            return Page();
        }

        queue.Enqueue(requested.Value!.Id);
        TempData["Notice"] = "Рік закривається: журнали всіх класів записуються в архів. Сторінка оновлюватиметься, доки це не завершиться.";
        return RedirectToPage();
    }

    [HandlerPolicy(Policies.CloseYear)]
    public async Task<IActionResult> OnPostOpenNextAsync(Guid? yearId, CancellationToken ct)
    {
        await LoadAsync(verify: false, ct);
        if (yearId is not { } id || Years.All(y => y.Year.Id != id))
        {
            ModelState.AddModelError("OpenNext", "Оберіть навчальний рік, після якого відкрити наступний.");
            return Page();
        }

        var opened = await nextYear.OpenAsync(user.Actor, id, ct);
        if (!opened.IsSuccess)
        {
            ModelState.AddModelError("OpenNext", opened.Error.Message);
            return Page();
        }

        var o = opened.Value!;
        TempData["Notice"] = $"Відкрито {o.Year.Title} навчальний рік. Переведено класів: {o.Classes}, учнів: {o.Students}; випускників: {o.Graduates}. " +
            $"Перенесено призначень: {o.Assignments}, уроків розкладу: {o.TimetableEntries}; закрито підключень до бота: {o.LinksClosed}. " +
            "Перевірте дати, канікули, призначення й розклад; нових першокласників і прибулих учнів додайте імпортом списків.";
        return RedirectToPage("/School/Year");
    }

    private async Task LoadAsync(bool verify, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        Today = SchoolTime.Today(clock, school.TimeZone);
        MayClose = user.Is(Bot.Domain.Roster.StaffRoles.Administrator);
        var years = (await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct)).OrderByDescending(y => y.Semester1Start).ToList();
        var yearIds = years.Select(y => y.Id).ToList();
        var journals = await db.ArchivedJournals.AsNoTracking().Where(j => yearIds.Contains(j.SchoolYearId))
            .Select(j => new { j.SchoolYearId, Row = new JournalRow(j.Id, j.ClassName, j.FileName, j.Pages, j.Bytes, j.Sha256, j.AuditHeadSequence, j.AuditHeadHash,
                j.KeepUntil, j.ClosedBy, j.ClosedAtUtc) })
            .ToListAsync(ct);
        var closings = await db.YearClosings.AsNoTracking().Where(r => yearIds.Contains(r.SchoolYearId)).ToListAsync(ct);
        Years = years.Select(y => new YearRow(y,
                journals.Where(j => j.SchoolYearId == y.Id).Select(j => j.Row).OrderBy(r => SortKey(r.ClassName), StringComparer.Ordinal).ToList(),
                closings.Where(r => r.SchoolYearId == y.Id).MaxBy(r => r.RequestedAtUtc)))
            .ToList();

        var current = SchoolYears.Current(years, Today);
        Closable = current is { IsClosed: false } ? current : null;
        Continuable = years.Where(y => y.IsClosed).MaxBy(y => y.Semester1Start) is { } last && years.All(y => y.Semester1Start <= last.EndsOn) ? last : null;
        if (Continuable is not null) Proposed = NextYearService.ProposedDates(Continuable);
        var now = clock.GetUtcNow().UtcDateTime;
        Running = Years.Select(y => y.LastClosing).FirstOrDefault(r => r is not null && r.IsUnderWay(now));

        if (verify)
        {
            Verified = true;
            foreach (var row in Years.SelectMany(y => y.Journals))
            {
                // One file's bytes at a time.
                var content = await db.ArchivedJournals.AsNoTracking().Where(j => j.Id == row.Id).Select(j => j.Content).FirstAsync(ct);
                row.Intact = ArchivedJournal.HashOf(content) == row.Sha256;
            }
        }
    }

    private static string SortKey(string className) =>
        Bot.Domain.Roster.ClassName.Parse(className) is { IsSuccess: true } parsed ? parsed.Value.SortKey : className;

    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.0} МБ" : $"{Math.Max(1, bytes / 1024)} КБ";
}
