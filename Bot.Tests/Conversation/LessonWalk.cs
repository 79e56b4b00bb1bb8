using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Roster;
using Bot.Tests.Builders;
using Bot.Tests.Infrastructure;

namespace Bot.Tests.Conversation;

/// <summary>What the teacher did and saw: taps, the summary, who was absent and what marks were given.</summary>
public sealed record LessonWalked(int Taps, ChatReply Summary, IReadOnlyList<string> Absent, IReadOnlyList<(string Label, string Mark)> Marks);

/// <summary>
/// The lesson flow as a teacher walks it (ADR 0031), shared by <see cref="LessonFlowTests"/> and the benchmark
/// bench/Bot.Bench.Lesson: 7-А grown to 30 students, Friday's algebra lesson, three absent and twelve marks to students
/// chosen by a fixed seed (never two next to each other), the topic and the homework.
/// </summary>
public static class LessonWalk
{
    public const int Seed = 15;
    public const string Topic = "Дроби: додавання і віднімання";
    public const string Homework = "§3, вправи 11, 12 на с. 47";

    /// <summary>Grows the test school's 7-А (four students) to 30.</summary>
    public static async Task GrowClassTo30Async(TestDatabase database, TestSchool s)
    {
        await using var db = database.NewContext();
        string[] names = ["Андрій", "Богдана", "Василь", "Галина", "Дмитро", "Євгенія", "Зоряна", "Ігор", "Катерина", "Леонід"];
        for (var i = 1; i <= 26; i++)
        {
            var student = new Student(s.School.Id, $"Учень{i:D2}", names[i % names.Length]);
            db.Add(student);
            db.Add(new Enrolment(s.School.Id, student.Id, s.Class7A.Id, s.Year.Semester1Start, 0, false));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Links a staff member's chat through an invite code, as they would with /start.</summary>
    public static async Task<string> LinkAsync(IChatDriver bot, TestDatabase database, TestSchool s, Guid staffId, string person = "teacher")
    {
        await using var db = database.NewContext();
        var code = (await new InviteService(db, s.Clock, new LinkingSettings()).CreateAsync(Actor.System(), PersonKind.Staff, staffId)).GetValueOrThrow().Code;
        var chat = bot.ChatOf(person);
        Assert.Contains("Вітаємо", (await bot.SayAsync(chat, "/start " + code))[0].Text);
        return chat;
    }

    /// <summary>
    /// /lesson → the lesson → three absent → Готово → twelve marks (a student, then a mark; only the mark when the flow
    /// already offers that student) → "Тема і д/з" → the topic and the homework typed.
    /// </summary>
    public static async Task<LessonWalked> WalkAsync(IChatDriver bot, string teacher)
    {
        var taps = 0;
        async Task<ChatReply> Press(ChatReply on, Func<string, bool> label)
        {
            taps++;
            var data = on.Buttons.First(b => label(b.Label)).Data;
            return (await bot.PressAsync(teacher, data)).Last();
        }

        var list = (await bot.SayAsync(teacher, "/lesson")).Last();
        var screen = await Press(list, l => l.StartsWith("2. 7-А", StringComparison.Ordinal));
        Assert.Contains("Перекличка", screen.Text);
        var roster = screen.Buttons.Where(b => b.Data.StartsWith("lf|t|", StringComparison.Ordinal)).Select(b => b.Label).ToList();
        Assert.Equal(30, roster.Count);

        var random = new Random(Seed);
        var absent = roster.OrderBy(_ => random.Next()).Take(3).OrderBy(roster.IndexOf).ToList();
        foreach (var name in absent) screen = await Press(screen, l => l == name);
        Assert.Contains($"Відсутні (3): {string.Join(", ", absent)}", screen.Text);
        screen = await Press(screen, l => l == "Готово (відсутні: 3)");
        Assert.Contains($"Відсутні (3): {string.Join(", ", absent.Select(a => $"{a} (н)"))}", screen.Text);

        // Twelve of the present, none next to another in the list (a run would cost one tap a mark), in list order.
        var present = roster.Except(absent).ToList();
        var offset = random.Next(2);
        var chosen = present.Where((_, i) => i % 2 == offset).OrderBy(_ => random.Next()).Take(12).OrderBy(present.IndexOf).ToList();
        Assert.Equal(12, chosen.Count);
        var marks = new List<(string, string)>();
        foreach (var name in chosen)
        {
            if (!screen.Buttons.Any(b => b.Label == "▶ " + name)) screen = await Press(screen, l => l == name);
            Assert.Contains("▶ " + name, screen.Buttons.Select(b => b.Label));
            var mark = random.Next(1, 13).ToString(System.Globalization.CultureInfo.InvariantCulture);
            screen = await Press(screen, l => l == mark);
            Assert.Contains($"{name} · {mark}", screen.Buttons.Select(b => b.Label));
            marks.Add((name, mark));
        }

        screen = await Press(screen, l => l == "Тема і д/з");
        Assert.Contains("Надішліть тему уроку", screen.Text);
        var asked = (await bot.SayAsync(teacher, Topic)).Single();
        Assert.Contains("Тему записано: " + Topic, asked.Text);
        Assert.Contains("надішліть домашнє завдання", asked.Text);
        var summary = (await bot.SayAsync(teacher, Homework)).Single();
        return new LessonWalked(taps, summary, absent, marks);
    }
}
