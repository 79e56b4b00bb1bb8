using System.Net;
using Bot.Host.Configuration;
using Microsoft.AspNetCore.Hosting;

namespace Bot.Tests.AdminPanel;

/// <summary>Hardening: nosniff, Referrer-Policy, the full CSP and no framing on every panel response; HSTS only over HTTPS.</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task PanelResponses_CarryTheHeaders_HstsOnlyOverHttps()
    {
        await using var app = await PanelApp.StartAsync(b => b.UseSetting("Admin:SecureCookies", "false"));
        var https = app.Client();
        foreach (var path in new[] { "/Account/Login", "/", "/_content/AdminPanel/lib/bootstrap/css/bootstrap.min.css" })
        {
            var response = await https.GetAsync(path);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal(SecurityHeaders.StrictTransportSecurity, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        }

        var plain = app.Client();
        plain.BaseAddress = new Uri("http://localhost");
        var overHttp = await plain.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Equal("nosniff", Assert.Single(overHttp.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }
}
