using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AdminPanel.Access;

/// <summary>
/// The policy a page handler needs beyond its page's (Razor Pages ignore [Authorize] on handler methods). Checked by
/// <see cref="HandlerAuthorizationFilter"/> before the handler runs: a signed-in user without it gets 403.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

internal sealed class HandlerAuthorizationFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var policy = context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(HandlerPolicyAttribute), false)
            .Cast<HandlerPolicyAttribute>().FirstOrDefault()?.Policy;
        if (policy is not null && !(await authorization.AuthorizeAsync(context.HttpContext.User, policy)).Succeeded)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.ForbidResult();
            return;
        }

        await next();
    }
}
