using AdminPanel.Access;
using Bot.Domain.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Forms;

/// <summary>
/// A form's results (ADR 0045): per child, the answer and which guardian gave it (when, in which messenger), the children
/// without an answer, the totals; the list as a PDF to print for the trip and as a CSV. The administration reads any; a class
/// teacher their own forms and their class's (otherwise 404).
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class ResultsModel(PanelUser user, FormService forms, TimeProvider clock) : PageModel
{
    public FormReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var file = FormPrints.Pdf(Report!, clock.GetUtcNow());
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var file = await FormPrints.CsvAsync(Report!, ct);
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return false;
        Report = await forms.ReportAsync(user.Actor, school.Id, id, ct);
        return Report is not null;
    }

    public string When(DateTime utc) => FormService.Local(utc, Report!.Zone);

    public bool IsOpen => Report!.Form.IsOpen(clock.GetUtcNow().UtcDateTime);
}
