using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AdminPanel.Access;

/// <summary>Someone signed in with a one-time password sees only the page that changes it (and may sign out).</summary>
internal sealed class PasswordChangeFilter : IAsyncPageFilter
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
        { "/Account/ChangePassword", "/Account/Logout", "/Account/Login", "/Account/Status" };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        if (context.HttpContext.User.HasClaim(c => c.Type == PanelClaims.MustChangePassword) && !Allowed.Contains(page))
        {
            context.Result = new RedirectToPageResult("/Account/ChangePassword");
            return;
        }

        await next();
    }
}
