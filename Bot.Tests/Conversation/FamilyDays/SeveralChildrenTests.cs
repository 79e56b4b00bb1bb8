using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Bot.Fakes;
using Bot.Host.Jobs;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;
using Bot.Tests.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Conversation.FamilyDays;

/// <summary>
/// Several children at once, through the fake Telegram server: a parent of three (Мельник Матвій of 2-Б, Іваненко Олег and
/// Петренко Марія of 7-А) reads every child at once, narrows to one with a button and comes back with "Усі діти"; a
/// write (an absence report) still asks about whom.
/// </summary>
public sealed class SeveralChildrenTests : IAsyncLifetime
{
    /// <summary>Wednesday 18 November 2026, 10:00 in Kyiv.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 18, 8, 0, 0, TimeSpan.Zero);

    private FamilyWorld _w = null!;
    private TelegramDriver? _bot;

    public async Task InitializeAsync() => _w = await FamilyWorld.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.DisposeAsync();
        await _w.Database.DisposeAsync();
    }

    private static readonly string[] Headings = ["👤 Мельник Матвій, 2-Б", "👤 Іваненко Олег, 7-А", "👤 Петренко Марія, 7-А"];

    /// <summary>The three headings, once each, in order (by class, then name).</summary>
    private static void AssertAllThree(string text)
    {
        var at = Headings.Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.True(at.All(i => i >= 0) && at.SequenceEqual(at.Order()), text);
        Assert.All(Headings, h => Assert.Equal(text.IndexOf(h, StringComparison.Ordinal), text.LastIndexOf(h, StringComparison.Ordinal)));
        Assert.True(text.Length <= 4096, $"{text.Length} characters");
    }

    [Fact]
    public async Task ParentOfThree_GetsAllChildrenInOneMessage_NarrowsToOne_AndBackToAllChildren()
    {
        var parent = new Guardian(_w.S.School.Id, "Мельник", "Ірина");
        await using (var db = _w.Database.NewContext())
        {
            db.Add(parent);
            foreach (var child in new[] { _w.S.Ivanenko.Id, _w.S.Petrenko.Id, _w.SecondGrader.Id }) db.Add(new GuardianStudent(parent.Id, child, "мати"));
            await db.SaveChangesAsync();
        }

        var bot = _bot = await TelegramDriver.StartAsync(_w.Database, _w.S, clock: new ShiftedClock(Wednesday));
        var chat = bot.ChatOf("parent of three");
        await _w.LinkAsync(parent, chat);

        // /diary: one message, a heading per child, each child's own day under it, and a button to narrow to each.
        var diary = Assert.Single(await bot.SayAsync(chat, "/diary"));
        AssertAllThree(diary.Text);
        var second = diary.Text[diary.Text.IndexOf(Headings[0], StringComparison.Ordinal)..diary.Text.IndexOf(Headings[1], StringComparison.Ordinal)];
        Assert.Contains("Казка «Колобок»", second); // 2-Б's reading lesson of the day, under Матвій
        var oleg = diary.Text[diary.Text.IndexOf(Headings[1], StringComparison.Ordinal)..diary.Text.IndexOf(Headings[2], StringComparison.Ordinal)];
        Assert.Contains("Алгебра — 8", oleg);
        Assert.Equal(1, (diary.Text.Length - diary.Text.Replace("Іваненко Олег, 7-А", "").Length) / "Іваненко Олег, 7-А".Length); // the heading, not repeated under it
        Assert.DoesNotContain("Про кого", diary.Text);
        Assert.Equal(["Лише Мельник Матвій", "Лише Іваненко Олег", "Лише Петренко Марія"], diary.Buttons.Select(b => b.Label).Where(l => l.StartsWith("Лише", StringComparison.Ordinal)));

        // This week (Monday to today) of three children: within Telegram's limit, never a child cut across two messages.
        var week = await bot.SayAsync(chat, "/diary тиждень");
        Assert.All(week, m => Assert.True(m.Text.Length <= 4096, $"{m.Text.Length} characters"));
        if (week.Count == 1) AssertAllThree(week[0].Text);
        else Assert.Equal(Headings, week.Select(m => Headings.Single(h => m.Text.StartsWith(h, StringComparison.Ordinal) && m.Text.IndexOf(h, 1, StringComparison.Ordinal) < 0)));
        Assert.Contains("Алгебра — 10", week.Single(m => m.Text.StartsWith(Headings[1], StringComparison.Ordinal) || week.Count == 1).Text);
        Assert.NotNull(week[^1].ButtonData("Лише Іваненко Олег"));

        // Homework and marks the same way.
        AssertAllThree(Assert.Single(await bot.SayAsync(chat, "/homework завтра")).Text);
        AssertAllThree(Assert.Single(await bot.SayAsync(chat, "/attendance")).Text);

        // Narrowed to Марія: her diary, named, with the way back; and the next read command stays about her, still named.
        var maria = Assert.Single(await bot.PressAsync(chat, diary.ButtonData("Лише Петренко Марія")!));
        Assert.StartsWith(Headings[2], maria.Text);
        Assert.DoesNotContain("Іваненко Олег", maria.Text);
        Assert.DoesNotContain("Мельник", maria.Text);
        Assert.NotNull(maria.ButtonData("Усі діти"));
        var marks = Assert.Single(await bot.SayAsync(chat, "/marks"));
        Assert.StartsWith(Headings[2], marks.Text);
        Assert.DoesNotContain("Іваненко Олег", marks.Text);

        // "Усі діти": every child's marks again, and from then on every command.
        var allMarks = Assert.Single(await bot.PressAsync(chat, marks.ButtonData("Усі діти")!));
        AssertAllThree(allMarks.Text);
        Assert.Contains("Алгебра", allMarks.Text);
        AssertAllThree(Assert.Single(await bot.SayAsync(chat, "/diary")).Text);

        // /children narrows too, and its "Усі діти" widens again.
        var children = Assert.Single(await bot.SayAsync(chat, "/children"));
        Assert.NotNull(children.ButtonData("▸ Усі діти"));
        Assert.Contains("Обрано", FamilyWorld.All(await bot.PressAsync(chat, children.ButtonData("Іваненко Олег")!)));
        Assert.StartsWith(Headings[1], Assert.Single(await bot.SayAsync(chat, "/diary")).Text);
        var menu = Assert.Single(await bot.SayAsync(chat, "/children"));
        Assert.Contains("усіх дітей", FamilyWorld.All(await bot.PressAsync(chat, menu.ButtonData("Усі діти")!)));
        AssertAllThree(Assert.Single(await bot.SayAsync(chat, "/diary")).Text);

        // A write is about one child: asked, then recorded for the child chosen.
        var ask = Assert.Single(await bot.SayAsync(chat, "/absent"));
        Assert.Contains("Про кого?", ask.Text);
        Assert.Equal(3, ask.Buttons.Count);
        var why = FamilyWorld.All(await bot.PressAsync(chat, ask.ButtonData("Мельник Матвій")!));
        Assert.Contains("Чому Мельник Матвій не буде в школі сьогодні?", why);
        AssertAllThree(Assert.Single(await bot.SayAsync(chat, "/diary")).Text); // the question did not narrow the reads
    }
}

/// <summary>
/// Families: answers about several children that would not fit one message (Telegram's 4096 visible characters)
/// go as one message per child, each under its heading, never a child cut across two; the narrowing buttons come last.
/// </summary>
public sealed class SeveralChildrenSplitTests
{
    private static Bot.Domain.Linking.PersonaStudent Child(string name, string className) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), className, Guid.NewGuid(), "Ліцей", null);

    private static Bot.Host.Conversation.Message Body(string name, int lessons)
    {
        var m = new Bot.Host.Conversation.Message().Line(name).Line("Тиждень");
        for (var i = 1; i <= lessons; i++) m.Line($"{i}. Українська мова — 10").Line($"   Тема: Складні речення з різними видами зв'язку, вправа {i}");
        return m.ButtonRow(new Bot.Host.Conversation.Button("Минулий тиждень", "c|/diary минулий тиждень"));
    }

    [Fact]
    public void TooLongForOneMessage_OneMessagePerChild_EachHeaded_ButtonsOnTheLast()
    {
        var children = new[] { Child("Мельник Матвій", "2-Б"), Child("Іваненко Олег", "7-А"), Child("Петренко Марія", "7-А") };
        var narrow = children.Select(c => new Bot.Host.Conversation.Button("Лише " + c.FullName, "ch|" + Bot.Host.Conversation.ButtonData.Id(c.StudentId) + "|/diary")).ToList();
        var parts = children.Select(c => (c, $"{c.FullName}, {c.ClassName}", Body($"{c.FullName}, {c.ClassName}", 25))).ToList();

        var messages = Bot.Host.Conversation.Handlers.FamilyHandlers.Compose(parts, narrow);

        Assert.Equal(3, messages.Count);
        for (var i = 0; i < 3; i++)
        {
            var text = messages[i].PlainText;
            Assert.StartsWith($"👤 {children[i].FullName}, {children[i].ClassName}\nТиждень\n1. Українська мова", text);
            Assert.Contains("25. Українська мова", text); // the child's whole answer, in their message
            Assert.True(text.Length <= 4096, $"{text.Length} characters");
        }

        Assert.Equal(["Лише Мельник Матвій", "Лише Іваненко Олег", "Лише Петренко Марія"], messages[^1].Buttons.SelectMany(r => r).Select(b => b.Label).Where(l => l.StartsWith("Лише", StringComparison.Ordinal)));
        Assert.All(messages.Take(2), m => Assert.DoesNotContain(m.Buttons.SelectMany(r => r), b => b.Label.StartsWith("Лише", StringComparison.Ordinal)));

        // Short answers: one message, each heading once, the shared button once.
        var few = Bot.Host.Conversation.Handlers.FamilyHandlers.Compose(children.Select(c => (c, $"{c.FullName}, {c.ClassName}", Body($"{c.FullName}, {c.ClassName}", 2))).ToList(), narrow);
        var one = Assert.Single(few);
        Assert.Single(one.Buttons.SelectMany(r => r), b => b.Label == "Минулий тиждень");
        Assert.All(children, c => Assert.Single(one.Lines, l => string.Concat(l.Select(s => s.Text)).Contains(c.FullName, StringComparison.Ordinal)));
    }
}
