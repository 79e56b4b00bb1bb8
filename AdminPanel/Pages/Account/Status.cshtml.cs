using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Account;

/// <summary>What a browser sees for 403 and 404: the status stays, the page says it in Ukrainian.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; } = 403;

    public void OnGet()
    {
    }
}
