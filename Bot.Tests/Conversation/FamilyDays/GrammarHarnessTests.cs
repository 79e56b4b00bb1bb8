using System.Text.RegularExpressions;
using Bot.Domain.Diary;
using Bot.Domain.Roster;
using Bot.Domain.Text;
using Bot.Host.Jobs;
using Bot.Tests.Builders;

namespace Bot.Tests.Conversation.FamilyDays;

/// <summary>
/// One harness over what families are shown (ADR 0036): the family commands of the scenarios, asked by the parents of a
/// boy, a girl and a child whose sex the school did not record, on every day of a week, and the evening diary of each of
/// those days, checked against the forms that must never appear ("на середа", "відсутній(я)", "1 уроків" …) and for the
/// child's sex where it is known.
/// </summary>
public sealed partial class GrammarHarnessTests : IAsyncLifetime
{
    private FamilyWorld _w = null!;

    public async Task InitializeAsync() => _w = await FamilyWorld.CreateAsync();

    public async Task DisposeAsync() => await _w.Database.DisposeAsync();

    /// <summary>Asked on every day: the answers that name days.</summary>
    private static readonly string[] DailyCommands =
    [
        "/diary", "/diary вчора", "/diary завтра", "/homework завтра", "/timetable завтра", "/absent", "/absent завтра, температура",
    ];

    /// <summary>Asked once: the answers that do not depend on the weekday, and the other ways of naming a day.</summary>
    private static readonly string[] OnceCommands =
    [
        "/diary тиждень", "/diary минулий тиждень", "/diary на середу", "/homework на пʼятницю", "/timetable на неділю", "/timetable в суботу",
        "/marks", "/attendance", "/attendance вчора",
    ];

    /// <summary>Forms that are wrong whoever reads them.</summary>
    private static readonly string[] Forbidden =
    [
        "на середа", "на пʼятниця", "на п'ятниця", "на субота", "на неділя", "у середа", "в середа", "у пʼятниця", "в пʼятниця",
        "(я)", "(ла)", "(на)", "відсутній(",
        "н — ", "хв — ", " з 7 уроків", "С Д ×", "Задано на цей день:\nЗадано",
    ];

    [Fact]
    public async Task FamilyReplies_OnEveryWeekday_ForABoyAGirlAndAChildOfUnknownSex_HaveNoForbiddenForms()
    {
        var sydorenkoMother = new Guardian(_w.S.School.Id, "Сидоренко", "Алла");
        await using (var db = _w.Database.NewContext())
        {
            db.Add(sydorenkoMother);
            db.Add(new GuardianStudent(sydorenkoMother.Id, _w.S.Sydorenko.Id, "мати"));
            await db.SaveChangesAsync();
        }

        await using var bot = new EngineDriver(_w.Database, _w.S);
        var families = new (string Chat, string Child, Sex? Sex)[]
        {
            (bot.ChatOf("boy"), "Іваненко Олег", Sex.Male), (bot.ChatOf("girl"), "Петренко Марія", Sex.Female),
            (bot.ChatOf("unknown"), "Сидоренко Андрій", null),
        };
        await _w.LinkAsync(_w.S.IvanenkoMother, families[0].Chat);
        await _w.LinkAsync(_w.PetrenkoMother, families[1].Chat);
        await _w.LinkAsync(sydorenkoMother, families[2].Chat);

        var problems = new List<string>();
        var seen = new Dictionary<Sex, int> { [Sex.Male] = 0, [Sex.Female] = 0 };
        // Every weekday, Friday 20 November (the school's "now", after the recorded weeks) to Thursday.
        for (var date = new DateOnly(2026, 11, 20); date <= new DateOnly(2026, 11, 26); date = date.AddDays(1))
        {
            _w.S.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
            foreach (var (chat, child, sex) in families)
            {
                foreach (var command in date.Day == 20 ? [.. DailyCommands, .. OnceCommands] : DailyCommands)
                {
                    var text = FamilyWorld.All(await bot.SayAsync(chat, command));
                    problems.AddRange(Check(text, sex).Select(p => $"{date:ddd dd.MM} {child} «{command}»: {p}\n{text}"));
                    if (sex is { } known && (text.Contains("відсутній", StringComparison.Ordinal) || text.Contains("відсутня", StringComparison.Ordinal))) seen[known]++;
                }
            }
        }

        // The evening diary of every day of the recorded week and its weekend, as the job composes it.
        for (var date = new DateOnly(2026, 11, 16); date <= new DateOnly(2026, 11, 22); date = date.AddDays(1))
        {
            await using var db = _w.Database.NewContext();
            var queries = new DiaryQueries(db, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(date.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero)));
            foreach (var (student, sex) in new[] { (_w.S.Ivanenko.Id, (Sex?)Sex.Male), (_w.S.Petrenko.Id, Sex.Female), (_w.S.Sydorenko.Id, null) })
            {
                var day = (await queries.StudentDayAsync(student, date)).GetValueOrThrow();
                var evening = DailyDiaryJob.Family([day], date).PlainText;
                problems.AddRange(Check(evening, sex).Select(p => $"{date:ddd dd.MM} evening diary: {p}\n{evening}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(5)));
        Assert.True(seen[Sex.Male] > 0 && seen[Sex.Female] > 0, "the absence confirmations were not reached");
    }

    /// <summary>
    /// The "all children" answers of a parent of four (ADR 0041: a heading per child) — a boy and a girl of 7-А, a boy of
    /// 2-Б, a girl of 4-Б — on every weekday, each child's part checked for that child's sex; the answers narrowed to
    /// one child by "Лише …"; and every screen of /settings a parent and a student reach (each button of the first two
    /// levels pressed).
    /// </summary>
    [Fact]
    public async Task AllChildrenAnswers_NarrowedAnswers_AndSettingsScreens_HaveNoForbiddenForms()
    {
        var parent = new Guardian(_w.S.School.Id, "Гнатюк", "Ірина");
        await using (var db = _w.Database.NewContext())
        {
            db.Add(parent);
            foreach (var child in new[] { _w.S.Ivanenko.Id, _w.S.Petrenko.Id, _w.SecondGrader.Id, _w.FourthGrader.Id }) db.Add(new GuardianStudent(parent.Id, child, "мати"));
            await db.SaveChangesAsync();
        }

        var sexes = new Dictionary<string, Sex>
        {
            ["Іваненко Олег"] = Sex.Male, ["Петренко Марія"] = Sex.Female, ["Мельник Матвій"] = Sex.Male, ["Коваль Дарина"] = Sex.Female,
        };
        await using var bot = new EngineDriver(_w.Database, _w.S);
        var chat = bot.ChatOf("parent of four");
        await _w.LinkAsync(parent, chat);
        var problems = new List<string>();
        var headings = 0;
        void CheckAll(string text, string where)
        {
            foreach (var (part, sex) in PerChild(text, sexes))
            {
                problems.AddRange(Check(part, sex, checkSex: sex is not null).Select(p => $"{where}: {p}\n{text}"));
            }

            headings += text.Split('\n').Count(l => l.StartsWith("👤 ", StringComparison.Ordinal));
        }

        var narrowed = new List<string>();
        for (var date = new DateOnly(2026, 11, 20); date <= new DateOnly(2026, 11, 26); date = date.AddDays(1))
        {
            _w.S.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
            foreach (var command in date.Day == 20 ? [.. DailyCommands, .. OnceCommands] : DailyCommands)
            {
                var replies = await bot.SayAsync(chat, command);
                CheckAll(FamilyWorld.All(replies), $"{date:ddd dd.MM} «{command}»");
                // Narrowed to each child by the answer's buttons (once, on the first day).
                if (date.Day != 20) continue;
                foreach (var (label, data) in replies.SelectMany(r => r.Buttons).Where(b => b.Label.StartsWith("Лише ", StringComparison.Ordinal)).ToList())
                {
                    var one = FamilyWorld.All(await bot.PressAsync(chat, data));
                    problems.AddRange(Check(one, sexes[label["Лише ".Length..]]).Select(p => $"«{command}» {label}: {p}\n{one}"));
                    narrowed.Add(label);
                    await bot.PressAsync(chat, data.Replace(data.Split('|')[^1], "all", StringComparison.Ordinal));
                }
            }
        }

        // The settings screens of the parent, and of a student of 7-А (their own).
        var student = bot.ChatOf("student");
        await using (var db = _w.Database.NewContext())
        {
            var invite = new Bot.Domain.Linking.Invite(_w.S.School.Id, Bot.Domain.Linking.PersonKind.Student, _w.S.Petrenko.Id, TestSchool.Now.UtcDateTime, TimeSpan.FromDays(30), null);
            db.AddRange(invite, new Bot.Domain.Linking.ChatLink(_w.S.School.Id, Bot.Domain.Audit.Channel.Telegram, student, student, Bot.Domain.Linking.PersonKind.Student,
                _w.S.Petrenko.Id, invite.Id, TestSchool.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }

        var screens = 0;
        foreach (var who in new[] { chat, student })
        {
            var first = await bot.SayAsync(who, "/settings");
            CheckAll(FamilyWorld.All(first), $"{who} /settings");
            foreach (var (label, data) in first.SelectMany(r => r.Buttons).ToList())
            {
                var second = await bot.PressAsync(who, data);
                screens++;
                CheckAll(FamilyWorld.All(second), $"{who} /settings › {label}");
                foreach (var (label2, data2) in second.SelectMany(r => r.Buttons).Take(12).ToList())
                {
                    CheckAll(FamilyWorld.All(await bot.PressAsync(who, data2)), $"{who} /settings › {label} › {label2}");
                    screens++;
                }

                await bot.SayAsync(who, "/settings");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems.Distinct().Take(5)));
        // The harness reached what it is about: headings per child, every child narrowed to, the settings' screens.
        Assert.True(headings > 20, $"{headings} headings");
        Assert.Superset(sexes.Keys.Select(n => "Лише " + n).ToHashSet(), narrowed.ToHashSet());
        Assert.True(screens > 10, $"{screens} settings screens");
    }

    /// <summary>The class list's notes (the printed journal, the panel): the student's sex where known, never "вибув(ла)".</summary>
    [Fact]
    public void ClassListNotes_UseTheStudentsSex()
    {
        var from = new DateOnly(2026, 11, 16);
        var to = new DateOnly(2026, 12, 4);
        Assert.Equal("прибув 16.11.2026; вибув 04.12.2026", new JournalStudent(1, Guid.NewGuid(), "Гнатюк Богдан", from, to, true, false, Sex.Male).Note);
        Assert.Equal("прибула 16.11.2026", new JournalStudent(1, Guid.NewGuid(), "Яковенко Софія", from, null, true, false, Sex.Female).Note);
        Assert.Equal("вибула 04.12.2026", new JournalStudent(1, Guid.NewGuid(), "Яковенко Софія", from, to, false, false, Sex.Female).Note);
        Assert.Equal("прибуття 16.11.2026; вибуття 04.12.2026", new JournalStudent(1, Guid.NewGuid(), "Зінченко Павло", from, to, true, false).Note);
    }

    /// <summary>
    /// An answer split at its "👤 Name, class" headings: each child's part with that child's sex; the part before the first
    /// heading (or a whole answer without headings) with none, checked only for forms wrong whoever reads them.
    /// </summary>
    private static IEnumerable<(string Part, Sex? Sex)> PerChild(string text, IReadOnlyDictionary<string, Sex> sexes)
    {
        var parts = Regex.Split(text, @"(?m)^(?=👤 )");
        foreach (var part in parts)
        {
            var name = sexes.Keys.FirstOrDefault(n => part.StartsWith("👤 " + n, StringComparison.Ordinal));
            yield return (part, name is null ? null : sexes[name]);
        }
    }

    /// <summary>What is wrong in <paramref name="text"/> shown to the family of a child of <paramref name="sex"/>.</summary>
    /// <param name="checkSex">False for a text about several children or none: their sexes are checked in their own parts.</param>
    private static IEnumerable<string> Check(string text, Sex? sex, bool checkSex = true)
    {
        foreach (var form in Forbidden)
            if (text.Contains(form, StringComparison.OrdinalIgnoreCase)) yield return $"forbidden «{form}»";
        // "У Мельник Матвій немає пропусків": a name that does not decline after "у" (write "Мельник Матвій: пропусків немає").
        if (UndeclinedName().Match(text) is { Success: true } undeclined) yield return $"undeclined «{undeclined.Value}»";
        foreach (Match m in Counted().Matches(text))
        {
            var n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var (one, few, many) = m.Groups["word"].Value switch
            {
                "урок" or "уроки" or "уроків" => ("урок", "уроки", "уроків"),
                _ => ("навчальний день", "навчальні дні", "навчальних днів"),
            };
            if (m.Groups["word"].Value != UkrainianText.Plural(n, one, few, many)) yield return $"plural «{m.Value}»";
        }

        if (!checkSex) yield break;
        var wrongSex = sex switch
        {
            Sex.Male => new[] { "відсутня", "пропустила" },
            Sex.Female => ["відсутній", "пропустив "],
            _ => ["відсутній", "відсутня", "пропустив", "пропустила"],
        };
        foreach (var form in wrongSex)
            if (text.Contains(form, StringComparison.Ordinal)) yield return $"«{form}» for {sex?.ToString() ?? "a child of unknown sex"}";
    }

    [GeneratedRegex(@"(?<!\p{L})[Уу] (Мельник|Коваль|Іваненко|Петренко|Сидоренко) [А-ЯІЇЄҐ]")]
    private static partial Regex UndeclinedName();

    [GeneratedRegex(@"(?<n>\d+) (?<word>уроків|уроки|урок|навчальних днів|навчальні дні|навчальний день)(?![а-яіїєґʼ])")]
    private static partial Regex Counted();
}
