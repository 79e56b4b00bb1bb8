using AdminPanel.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPanel.Pages.Today;

/// <summary>
/// Where the panel starts: "/" sends a member of staff to their today page; the schools' overview stays at
/// <see cref="Overview"/> (and at "/" for the installation's operator, who is nobody's staff).
/// </summary>
public static class PanelStart
{
    public const string Today = "~/Today";
    public const string Overview = "~/Overview";

    /// <summary>The overview's second address, and the redirect of "/" (a filter on the overview page, so its model stays as it is).</summary>
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AddPageRoute("/Index", "Overview");
        conventions.AddPageApplicationModelConvention("/Index", model => model.Filters.Add(new StartFilter()));
    }

    private sealed class StartFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var request = context.HttpContext.Request;
            var user = context.HttpContext.User;
            if (HttpMethods.IsGet(request.Method) && (request.Path == "/" || !request.Path.HasValue)
                && user.Identity?.IsAuthenticated == true && user.HasClaim(c => c.Type == PanelClaims.StaffId))
            {
                context.Result = new RedirectResult(request.PathBase + "/Today");
                return Task.CompletedTask;
            }

            return next();
        }
    }
}
