using System.ComponentModel.DataAnnotations;
using Bot.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Account;

/// <summary>Sign-in by login and password; five wrong passwords lock the account for a while (PanelIdentity).</summary>
public sealed class LoginModel(SignInManager<AdminUser> signIn, UserManager<AdminUser> users) : PageModel
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
        var result = await signIn.PasswordSignInAsync(Input.Login.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await users.FindByNameAsync(Input.Login.Trim());
            if (user?.MustChangePassword == true) return RedirectToPage("/Account/ChangePassword", new { ReturnUrl });
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/");
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? $"Забагато невдалих спроб: вхід заблоковано на {PanelIdentity.LockoutTime.TotalMinutes:0} хвилин. Спробуйте пізніше або попросіть адміністратора скинути пароль."
            : result.IsNotAllowed
                ? "Цей обліковий запис вимкнено: працівник більше не працює в школі."
                : "Неправильний логін або пароль.");
        return Page();
    }
}
