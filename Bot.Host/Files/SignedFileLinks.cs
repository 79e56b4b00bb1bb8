using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Printing;
using Bot.Host.Viber;
using Microsoft.Extensions.Options;

namespace Bot.Host.Files;

/// <summary>Settings of the files a messenger fetches by URL (Viber has no upload: it downloads what a link points to).</summary>
public sealed class FileLinkOptions
{
    /// <summary>The key links are signed with; empty: derived from `Viber:AuthToken` (the same in every process of the installation).</summary>
    public string? SigningKey { get; init; }

    /// <summary>The public address of this installation (`https://school.example`); empty: the origin of `Viber:WebhookUrl`.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>How long a link works: at most a day.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromHours(12);
}

/// <summary>
/// Links to files that expire within a day, signed with HMAC-SHA256 over the path and the expiry: a student's report
/// for a parent on Viber (<c>/files/report/{student}/{semester}?expires=…&amp;sig=…</c>). Whoever has the link may
/// fetch the file until it expires — as with a document sent in Telegram, the chat is the parent's own — and nobody can
/// make a link for another student without the key.
/// </summary>
public sealed class SignedFileLinks(IOptions<FileLinkOptions> options, IOptions<ViberOptions> viber, TimeProvider clock)
{
    public const string Prefix = "/files/";

    private byte[]? Key => options.Value.SigningKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key)
        : viber.Value.AuthToken is { Length: > 0 } token ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "signed-file-links"u8) : null;

    private string? BaseUrl => options.Value.PublicBaseUrl is { Length: > 0 } url ? url.TrimEnd('/')
        : viber.Value.WebhookUrl is { Length: > 0 } hook ? new Uri(hook).GetLeftPart(UriPartial.Authority) : null;

    public TimeSpan Validity => options.Value.Validity > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : options.Value.Validity;

    /// <summary>A link to <paramref name="path"/> ("report/…") valid for <see cref="Validity"/>, and when it expires; null without a key or an address.</summary>
    public (string Url, DateTimeOffset Expires)? Create(string path)
    {
        if (Key is not { } key || BaseUrl is not { } baseUrl) return null;
        var expires = clock.GetUtcNow().Add(Validity);
        var unix = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return ($"{baseUrl}{Prefix}{path}?expires={unix}&sig={Sign(key, path, unix)}", expires);
    }

    public enum Check
    {
        Valid,
        Forged,
        Expired,
    }

    /// <summary>Whether a link's signature is this installation's (compared in fixed time), and whether it still works.</summary>
    public Check Verify(string path, string? expires, string? signature)
    {
        if (Key is not { } key || expires is null || signature is null || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
            return Check.Forged;
        var expected = Encoding.ASCII.GetBytes(Sign(key, path, expires));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) return Check.Forged;
        return DateTimeOffset.FromUnixTimeSeconds(unix) <= clock.GetUtcNow() ? Check.Expired : Check.Valid;
    }

    private static string Sign(byte[] key, string path, string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{path}\n{expires}")));
}

/// <summary>Registers the signed links and serves the files they point to.</summary>
public static class SignedFileExtensions
{
    public static IHostApplicationBuilder AddSignedFiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FileLinkOptions>().BindConfiguration("Files");
        builder.Services.AddSingleton<SignedFileLinks>();
        builder.Services.AddScoped<StudentReportPdf>();
        return builder;
    }

    /// <summary>`GET /files/report/{student}/{semester}`: the report, for a valid link; 403 for a forged one, 410 for an expired one.</summary>
    public static WebApplication MapSignedFiles(this WebApplication app)
    {
        app.MapGet(SignedFileLinks.Prefix + "report/{studentId:guid}/{semester:int}", async (Guid studentId, int semester, string? expires, string? sig,
            SignedFileLinks links, StudentReportPdf reports, CancellationToken ct) =>
        {
            switch (links.Verify($"report/{studentId}/{semester}", expires, sig))
            {
                case SignedFileLinks.Check.Forged:
                    return Results.Text("Посилання недійсне.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
                case SignedFileLinks.Check.Expired:
                    return Results.Text("Посилання застаріло: надішліть боту /report ще раз.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone);
            }

            var file = await reports.RenderAsync(studentId, semester, ct);
            return file.IsSuccess
                ? Results.File(file.Value!.Content, file.Value.ContentType, file.Value.FileName)
                : Results.Text(file.Error.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }).AllowAnonymous();
        return app;
    }
}
