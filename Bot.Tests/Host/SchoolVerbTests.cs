using Bot.Host.Cli;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Host;

/// <summary>`Bot.Host school add|list` (ADR 0022): the installation's operator adds a school from the shell.</summary>
public sealed class SchoolVerbTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        await using var db = _database.NewContext();
        await TestSchool.CreateAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Verbs.RunAsync(["school", .. args, $"--ConnectionStrings:Journal={_database.ConnectionString}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_PrintsTheAdministratorsOneTimePassword_AndListShowsBothSchools()
    {
        var (exit, output, error) = await RunAsync("add", "--name", "Гімназія № 2", "--short", "Гімназія 2", "--time-zone", "Europe/Warsaw",
            "--admin", "Мороз Ганна Іванівна", "--login", "moroz");
        Assert.True(exit == 0, error);
        Assert.Contains("Added school 'Гімназія № 2' (Europe/Warsaw)", output);
        Assert.Matches("login 'moroz', one-time password \\S{6,}", output);

        var list = await RunAsync("list");
        Assert.Equal(0, list.Exit);
        Assert.Equal(["Гімназія № 2\tГімназія 2\tEurope/Warsaw", "Ліцей № 1 (тест)\t\tEurope/Kyiv"],
            list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        await using var db = _database.NewContext();
        Assert.True(await db.Users.AnyAsync(u => u.UserName == "moroz" && u.MustChangePassword));
    }

    [Fact]
    public async Task BadArguments_ExitNonZero_WithAMessage_AndAddNothing()
    {
        var zone = await RunAsync("add", "--name", "Гімназія № 2", "--time-zone", "Mars/Olympus", "--admin", "Мороз Ганна", "--login", "moroz");
        Assert.Equal(1, zone.Exit);
        Assert.Contains("Невідомий часовий пояс «Mars/Olympus»", zone.Err);
        var missing = await RunAsync("add", "--name", "Гімназія № 2", "--admin", "Мороз Ганна");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("--login are required", missing.Err);
        Assert.Equal(2, (await RunAsync("remove")).Exit);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Schools.CountAsync());
    }
}
