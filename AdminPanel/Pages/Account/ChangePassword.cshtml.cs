using System.ComponentModel.DataAnnotations;
using Bot.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Account;

/// <summary>The person's own password; after a one-time password nothing else opens until it is changed.</summary>
public sealed class ChangePasswordModel(UserManager<AdminUser> users, SignInManager<AdminUser> signIn, PanelAccounts accounts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Вкажіть поточний пароль.")]
        [DataType(DataType.Password)]
        [Display(Name = "Поточний пароль")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Вкажіть новий пароль.")]
        [DataType(DataType.Password)]
        [Display(Name = "Новий пароль")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Повторіть новий пароль.")]
        [DataType(DataType.Password)]
        [Compare(nameof(New), ErrorMessage = "Паролі не збігаються.")]
        [Display(Name = "Новий пароль ще раз")]
        public string Confirm { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool MustChange { get; private set; }

    public bool Changed { get; private set; }

    public async Task OnGetAsync() => MustChange = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        MustChange = user.MustChangePassword;
        if (!ModelState.IsValid) return Page();
        if (Input.New == Input.Current)
        {
            ModelState.AddModelError("Input.New", "Новий пароль має відрізнятися від поточного.");
            return Page();
        }

        var result = await accounts.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.New", e.Description);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        if (MustChange) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/");
        Changed = true;
        MustChange = false;
        return Page();
    }
}
