using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AdminPanel.Access;

/// <summary>
/// A request whose method or <c>?handler=</c> no handler of the page takes answers 405 (with <c>Allow</c>) instead of
/// rendering the page without its <c>OnGet</c> — which Razor Pages does by default, and which failed with 500 on
/// every page whose view needs what <c>OnGet</c> loads. GET and HEAD keep the default (a page without handlers is a
/// plain view); the status page re-executed for another request's status keeps it too.
/// </summary>
internal sealed class NoHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            var allowed = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())
                .Append("GET").Distinct().Order(StringComparer.Ordinal);
            http.Response.Headers.Allow = string.Join(", ", allowed);
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }

        await next();
    }
}
