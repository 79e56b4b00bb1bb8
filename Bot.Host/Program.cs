using AdminPanel;
using AdminPanel.Access;
using Bot.Host.Audit;
using Bot.Host.Channels;
using Bot.Host.Cli;
using Bot.Host.Configuration;
using Bot.Host.Conversation;
using Bot.Host.Delivery;
using Bot.Host.Files;
using Bot.Host.Demo;
using Bot.Host.Health;
using Bot.Host.Jobs;
using Bot.Host.LessonPage;
using Bot.Host.Observability;
using Bot.Host.Preview;
using Bot.Host.Storage;
using Bot.Host.Telegram;
using Bot.Host.Viber;

// `Bot.Host <verb> ...` runs an operator's verb and exits; with no verb it runs the server (docs/operations.md "Verbs of the executable").
args = CommandLine.Normalize(args);
if (CommandLine.HasVerb(args)) return await Verbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddProductSettings();
builder.AddTrustedProxies(); // X-Forwarded-For/-Proto only from ForwardedHeaders:KnownProxies/KnownNetworks
builder.AddJournalStorage();
builder.AddHealth();
builder.AddKeyStorage(); // the panel's cookie keys: a folder when DataProtection:KeysPath is set (compose)
builder.AddObservability(); // metrics and /metrics (ADR 0024)
builder.AddConversation();
builder.AddAdminPanel();
builder.AddTelegram();
builder.AddViber();
builder.AddBotAddresses(); // the bots' addresses for the panel's invite links
builder.AddSignedFiles();
builder.AddLessonPage(); // the lesson page at the public address, one tap from the chat (ADR 0046)
builder.AddDelivery(); // after the messengers: delivery looks for the adapters registered
builder.AddJobs();
builder.AddAuditSealing(); // the audit chain's sealer (jobs role) and key (ADR 0037)

var app = builder.Build();
app.UseTrustedProxies(); // first: the panel's HTTPS check and /metrics see the real client
app.UseSecurityHeaders(); // nosniff, Referrer-Policy, no framing; HSTS over HTTPS only
app.UseLessonPageCompression(); // brotli/gzip for the lesson page's files and answers (a phone on a weak network)
var roles = app.Configuration.GetSection("Host").Get<Bot.Host.Configuration.HostOptions>() ?? new();
// Migrations, the demo school and the first administrator (made by the panel's process), in turn with processes
// starting at the same time on PostgreSQL.
await app.PrepareDatabaseAsync(async () =>
{
    await app.SeedDemoSchoolAsync();
    if (roles.Has("admin")) await app.EnsurePanelAdministratorAsync();
});
// The audit key, after the migrations (the chains' heads name the key they were sealed with): the sealer does not start
// without the right one.
if (!await app.PrepareAuditKeyAsync()) return 1;
app.MapHealth();
app.MapMetrics();
if (roles.Has("admin")) app.MapAdminPanel(); // bot- and jobs-only processes serve no panel (Host:Roles)
app.MapBotPreview();
app.MapTelegram();
app.MapJobsDashboard();
app.MapViber();
app.MapSignedFiles();
if (roles.Has("bot")) app.MapLessonPage(); // the lesson page (ADR 0046), a bot role's page like the invite page
if (roles.Has("bot")) app.MapInvitePage(); // the page a slip's QR code opens, at the public address (ADR 0042)
app.LogWhereToFindThePanel();
await app.RunAsync();
return 0;

public partial class Program;
