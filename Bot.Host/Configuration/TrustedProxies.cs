using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bot.Host.Configuration;

/// <summary>
/// `ForwardedHeaders:*`: whom the process believes about a request's client and scheme. Only a request
/// whose connection comes from <see cref="KnownProxies"/> or <see cref="KnownNetworks"/> has its `X-Forwarded-For`
/// and `X-Forwarded-Proto` applied; from anyone else they are ignored, and so is RFC 7239's `Forwarded:` always
/// (ASP.NET Core does not read it). The default is a reverse proxy on this machine (deploy/nginx.conf).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>The headers the process applies from a known proxy; deploy/nginx.conf sets each of them.</summary>
    public const ForwardedHeaders Trusted = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

    /// <summary>Addresses of the reverse proxies, comma- or space-separated (default: this machine's loopback).</summary>
    public string KnownProxies { get; init; } = "127.0.0.1, ::1";

    /// <summary>Networks of reverse proxies in CIDR notation (`172.28.0.0/24`), comma- or space-separated; empty by default.</summary>
    public string KnownNetworks { get; init; } = "";

    public IReadOnlyList<IPAddress> Proxies() => Split(KnownProxies).Select(p => IPAddress.TryParse(p, out var a)
        ? a : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();

    public IReadOnlyList<System.Net.IPNetwork> Networks() => Split(KnownNetworks).Select(n => System.Net.IPNetwork.TryParse(n, out var net)
        ? net : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (10.0.0.0/8).")).ToList();

    private static string[] Split(string? list) => (list ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Applies these settings to ASP.NET Core's options: nothing but the configured proxies is trusted.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = Trusted;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies()) options.KnownProxies.Add(proxy);
        foreach (var network in Networks()) options.KnownIPNetworks.Add(network);
        options.ForwardLimit = 1; // one proxy: its own entry, the last of X-Forwarded-For, is the client
    }
}

public static class TrustedProxiesExtensions
{
    /// <summary>
    /// Binds `ForwardedHeaders:*` into ASP.NET Core's <see cref="ForwardedHeadersOptions"/> (also the ones
    /// `ASPNETCORE_FORWARDEDHEADERS_ENABLED` would use, so that variable cannot widen the trust to everyone);
    /// a list that does not parse stops the start with a message naming it.
    /// </summary>
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section)
            .Validate(s => Parses(s), "ForwardedHeaders:KnownProxies must be IP addresses and ForwardedHeaders:KnownNetworks CIDR networks (10.0.0.0/8).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<ForwardedHeadersSettings>>((o, s) =>
            {
                if (Parses(s.Value)) s.Value.ApplyTo(o);
                else o.ForwardedHeaders = ForwardedHeaders.None;
            });
        return builder;
    }

    /// <summary>First in the pipeline: every later decision (HTTPS-only panel, `/metrics`, logs) sees the real client.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    private static bool Parses(ForwardedHeadersSettings s)
    {
        try
        {
            _ = s.Proxies();
            _ = s.Networks();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
