using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Account;

/// <summary>Sign-in by login and password; repeated failures from one address slow that address (PanelSignIn).</summary>
public sealed class LoginModel(PanelSignIn signIn) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Вкажіть логін.")]
        [Display(Name = "Логін")]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Вкажіть пароль.")]
        [DataType(DataType.Password)]
        [Display(Name = "Пароль")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var (outcome, wait) = await signIn.SignInAsync(Input.Login, Input.Password);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/");
            case SignInOutcome.MustChangePassword:
                return RedirectToPage("/Account/ChangePassword", new { ReturnUrl });
        }

        ModelState.AddModelError("", outcome switch
        {
            SignInOutcome.Wait => $"Забагато невдалих спроб входу. Зачекайте {PanelSignIn.Describe(wait)} і спробуйте знову.",
            SignInOutcome.Disabled => "Цей обліковий запис вимкнено: працівник більше не працює в школі.",
            _ => "Неправильний логін або пароль.",
        });
        return Page();
    }
}
