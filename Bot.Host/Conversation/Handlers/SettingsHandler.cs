using Bot.Domain.Linking;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Conversation.Handlers;

/// <summary>
/// /settings: which alerts, when the daily diary comes, quiet hours, which messenger gets alerts. A choice applies to
/// every person this chat is linked to (a parent registered in two schools sets it once). It shows only what applies to
/// the person (a student: no absence alerts; a student below the school's grade for messages of their own: nothing to
/// switch), what will come and what will not, computed from the outbox's rules (<see cref="DeliveryPromise"/>), and a
/// guardian's consent with its withdrawal (ADR 0035). Each tap answers in place (ADR 0041): Telegram edits the settings
/// message, Viber (no edits) gets one short message with the new keyboard. The diary time is chosen hour then minutes
/// (15:00–22:00 in 15-minute steps), the quiet hours start (hour, minutes) then end (hour, minutes).
/// </summary>
public sealed class SettingsHandler(JournalDbContext db, NotificationRulesService schoolRules, ConsentService consents, ConsentHandler consent)
{
    /// <summary>The diary's hours: 15:00 to 22:00 (22:00 itself the last time).</summary>
    internal static readonly int[] DiaryHours = [15, 16, 17, 18, 19, 20, 21, 22];

    internal static readonly TimeOnly DiaryEarliest = new(15, 0), DiaryLatest = new(22, 0);

    /// <summary>When quiet hours may start (evening to just after midnight) and end (the morning).</summary>
    internal static readonly int[] QuietStartHours = [18, 19, 20, 21, 22, 23, 0];

    internal static readonly int[] QuietEndHours = [5, 6, 7, 8, 9, 10];

    private static readonly int[] Quarters = [0, 15, 30, 45];

    public async Task<HandlerResult> ShowAsync(ChatContext ctx, CancellationToken ct)
    {
        var all = await PreferencesAsync(ctx, ct);
        return await RenderAsync(ctx, all, await schoolRules.ForSchoolAsync(all[0].SchoolId, ct), full: true, ct);
    }

    public async Task<HandlerResult> ButtonAsync(ChatContext ctx, string[] args, CancellationToken ct)
    {
        var all = await PreferencesAsync(ctx, ct);
        var first = all[0];
        var rules = await schoolRules.ForSchoolAsync(first.SchoolId, ct);
        switch (args)
        {
            case ["m"]: Toggle(all, NotificationKind.MarkAlert, !first.MarkAlerts); break;
            case ["a"]: Toggle(all, NotificationKind.AbsenceAlert, !first.AbsenceAlerts); break;
            case ["h"]: Toggle(all, NotificationKind.HomeworkNotice, !first.HomeworkNotices); break;
            case ["d"]: Toggle(all, NotificationKind.DailyDiary, !first.DailyDiary); break;
            case ["b"]:
                return ConversationResult.Replacing(await ScreenAsync(ctx, all, rules, ct));
            // The diary time: the hour, then its quarter.
            case ["t"]:
                return ConversationResult.Replacing(DiaryHoursScreen(first.DiaryTimeUnder(rules), first.OwnDiaryTime, rules.DiaryTime));
            case ["t", "s"]:
                foreach (var p in all) p.FollowSchool();
                break;
            case ["t", var h] when Hour(h, DiaryHours) is { } hour:
                return ConversationResult.Replacing(DiaryMinutesScreen(hour));
            case ["t", var h, var mm] when Time(h, mm, DiaryHours) is { } time && time >= DiaryEarliest && time <= DiaryLatest:
                foreach (var p in all) p.SetDiaryTime(time);
                break;
            // Quiet hours: the start (hour, quarter), then the end (hour, quarter), saved together; or none.
            case ["q"]:
                return ConversationResult.Replacing(QuietStartScreen(first.QuietHoursUnder(rules)));
            case ["q", "off"]:
                foreach (var p in all) p.SetQuietHours(null, null);
                break;
            case ["qs", var h] when Hour(h, QuietStartHours) is { } hour:
                return ConversationResult.Replacing(QuietStartMinutesScreen(hour));
            case ["qs", var h, var mm] when Time(h, mm, QuietStartHours) is { } start:
                return ConversationResult.Replacing(QuietEndScreen(start));
            case ["qe", var from, var h] when Stamp(from, QuietStartHours) is { } start && Hour(h, QuietEndHours) is { } hour:
                return ConversationResult.Replacing(QuietEndMinutesScreen(start, hour));
            case ["qe", var from, var h, var mm] when Stamp(from, QuietStartHours) is { } start && Time(h, mm, QuietEndHours) is { } end:
                foreach (var p in all) p.SetQuietHours(start, end);
                break;
            case ["w", var end, var h] when end is "f" or "t" && int.TryParse(h, out var hour)
                && (end == "f" ? Bot.Domain.Talk.WorkingHours.FromHours : Bot.Domain.Talk.WorkingHours.ToHours).Contains(hour):
            {
                // Working hours (ADR 0038): families' messages written outside them arrive at their next start.
                var ids = ctx.Persona.Staff.Select(x => x.StaffId).ToList();
                if (ids.Count == 0) return Replies.Text(Replies.Expired);
                foreach (var staff in await db.Staff.Where(x => ids.Contains(x.Id)).ToListAsync(ct))
                {
                    var (start, finish) = staff.WorkingHours;
                    var wanted = end == "f" ? (new TimeOnly(hour, 0), finish) : (start, new TimeOnly(hour, 0));
                    if (wanted.Item2 <= wanted.Item1) return Replies.Text("Кінець робочого дня має бути пізніше за початок.");
                    staff.SetWorkingHours(wanted.Item1, wanted.Item2);
                }

                break;
            }
            case ["c", var c] when c is "t" or "v" or "b":
                var channels = c switch { "t" => AlertChannels.Telegram, "v" => AlertChannels.Viber, _ => AlertChannels.Telegram | AlertChannels.Viber };
                foreach (var p in all) p.SetChannels(channels);
                break;
            default:
                return Replies.Text(Replies.Expired);
        }

        await db.SaveChangesAsync(ct);
        return ConversationResult.Replacing(await ScreenAsync(ctx, all, rules, ct), "Збережено");
    }

    /// <summary>The settings after a tap: the whole screen where it is edited in place (Telegram), a short one in Viber.</summary>
    private async Task<Message> ScreenAsync(ChatContext ctx, IReadOnlyList<RecipientPreferences> all, NotificationRules rules, CancellationToken ct)
    {
        var screen = await RenderAsync(ctx, all, rules, full: ctx.Incoming.Channel != Bot.Domain.Audit.Channel.Viber, ct);
        return screen.Replies[0];
    }

    private static int? Hour(string text, int[] allowed) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h) && allowed.Contains(h) ? h : null;

    private static TimeOnly? Time(string hour, string minutes, int[] allowed) =>
        Hour(hour, allowed) is { } h && int.TryParse(minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && Quarters.Contains(m)
            ? new TimeOnly(h, m)
            : null;

    /// <summary>"2130" → 21:30 (a start carried in the end's buttons).</summary>
    private static TimeOnly? Stamp(string text, int[] allowed) => text.Length == 4 ? Time(text[..2], text[2..], allowed) : null;

    private static string Hhmm(TimeOnly t) => t.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static Message DiaryHoursScreen(TimeOnly current, bool own, TimeOnly school)
    {
        var m = new Message().Bold("Час щоденника").Line($"Зараз щоденник приходить о {Hhmm(current)}. Оберіть годину:");
        foreach (var row in DiaryHours.Chunk(4))
            m.ButtonRow([.. row.Select(h => new Button((current.Hour == h ? "▸" : "") + $"{h:00}:…", $"st|t|{h}"))]);
        if (own) m.ButtonRow(new Button($"↺ Як у школі ({Hhmm(school)})", "st|t|s"));
        return m.ButtonRow(new Button("← Назад", "st|b"));
    }

    private static Message DiaryMinutesScreen(int hour)
    {
        var m = new Message().Bold("Час щоденника").Line("Оберіть хвилини:");
        var times = hour == DiaryLatest.Hour ? [DiaryLatest] : Quarters.Select(q => new TimeOnly(hour, q)).ToArray();
        m.ButtonRow([.. times.Select(t => new Button(Hhmm(t), $"st|t|{t.Hour}|{t.Minute:00}"))]);
        return m.ButtonRow(new Button("← Інша година", "st|t"), new Button("← Назад", "st|b"));
    }

    private static Message QuietStartScreen((TimeOnly? From, TimeOnly? To) quiet)
    {
        var m = new Message().Bold("Тихі години")
            .Line("Сповіщення, що надійдуть у тихі години, прийдуть, щойно вони скінчаться.")
            .Line(quiet is ({ } f, { } t) ? $"Зараз: з {Hhmm(f)} до {Hhmm(t)}." : "Зараз тихих годин немає.")
            .Line("Коли починається тиша? Оберіть годину:");
        foreach (var row in QuietStartHours.Chunk(4)) m.ButtonRow([.. row.Select(h => new Button($"{h:00}:…", $"st|qs|{h}"))]);
        if (quiet.From is not null) m.ButtonRow(new Button("Без тихих годин", "st|q|off"));
        return m.ButtonRow(new Button("← Назад", "st|b"));
    }

    private static Message QuietStartMinutesScreen(int hour) =>
        new Message().Bold("Тихі години").Line("Початок тиші — оберіть хвилини:")
            .ButtonRow([.. Quarters.Select(q => new Button(Hhmm(new TimeOnly(hour, q)), $"st|qs|{hour}|{q:00}"))])
            .ButtonRow(new Button("← Інша година", "st|q"), new Button("← Назад", "st|b"));

    private static Message QuietEndScreen(TimeOnly start)
    {
        var from = $"{start.Hour:00}{start.Minute:00}";
        var m = new Message().Bold("Тихі години").Line($"Тиша з {Hhmm(start)}. До котрої години?");
        foreach (var row in QuietEndHours.Chunk(3)) m.ButtonRow([.. row.Select(h => new Button($"{h:00}:…", $"st|qe|{from}|{h}"))]);
        return m.ButtonRow(new Button("← Інший початок", "st|q"), new Button("← Назад", "st|b"));
    }

    private static Message QuietEndMinutesScreen(TimeOnly start, int hour)
    {
        var from = $"{start.Hour:00}{start.Minute:00}";
        return new Message().Bold("Тихі години").Line($"Тиша з {Hhmm(start)} до {hour:00}:… — оберіть хвилини:")
            .ButtonRow([.. Quarters.Select(q => new Button(Hhmm(new TimeOnly(hour, q)), $"st|qe|{from}|{hour}|{q:00}"))])
            .ButtonRow(new Button("← Інша година", $"st|qs|{start.Hour}|{start.Minute:00}"), new Button("← Назад", "st|b"));
    }

    private static void Toggle(IEnumerable<RecipientPreferences> all, NotificationKind kind, bool on)
    {
        foreach (var p in all) p.Set(kind, on);
    }

    private async Task<List<RecipientPreferences>> PreferencesAsync(ChatContext ctx, CancellationToken ct)
    {
        var people = ctx.Persona.Links.Select(l => (l.SchoolId, l.Kind, l.PersonId)).Distinct().ToList();
        var ids = people.Select(p => p.PersonId).ToList();
        var existing = await db.Preferences.Where(p => ids.Contains(p.PersonId)).ToListAsync(ct);
        var missing = people.Where(p => existing.All(e => e.PersonId != p.PersonId || e.Kind != p.Kind)).ToList();
        var rules = missing.Count == 0 ? [] : await schoolRules.ForSchoolsAsync(missing.Select(p => p.SchoolId).ToList(), ct);
        foreach (var person in missing)
        {
            // The school's default diary time and quiet hours, as the person has had them so far.
            var created = rules[person.SchoolId].DefaultPreferences(person.Kind, person.PersonId);
            db.Preferences.Add(created);
            existing.Add(created);
        }

        return existing;
    }

    /// <param name="full">With what will come and the consent (the screen of /settings); without, the short screen of a Viber step.</param>
    private async Task<ConversationResult> RenderAsync(ChatContext ctx, IReadOnlyList<RecipientPreferences> all, NotificationRules rules, bool full, CancellationToken ct)
    {
        var promise = await consent.PromiseLinesAsync(ctx.Persona, ct);
        var studentOnly = ctx.Persona.IsStudent && !ctx.Persona.IsGuardian && !ctx.Persona.IsStaff;
        if (studentOnly)
        {
            var student = ctx.Persona.Links.First(l => l.Kind == PersonKind.Student);
            var facts = await consents.FactsAsync(PersonKind.Student, student.PersonId, student.SchoolId, ct);
            if (!facts.Rules.AllowsStudent(facts.Grade))
            {
                // Nothing of their own comes: nothing to switch.
                var none = new Message().Bold("Налаштування сповіщень");
                foreach (var line in promise) none.Line(line);
                return ConversationResult.Of(none);
            }
        }

        var m = Render(all, rules, studentOnly);
        if (!full) return ConversationResult.Of(m.Line("Що саме надходитиме — /settings."));
        m.Blank().Bold("Що надходитиме");
        foreach (var line in promise) m.Line(line);
        if (ctx.Persona.IsStaff) await WorkingHoursAsync(ctx, m, ct);
        if (ctx.Persona.IsGuardian)
        {
            var guardian = ctx.Persona.Links.First(l => l.Kind == PersonKind.Guardian);
            var given = await consents.InForceAsync(guardian.SchoolId, guardian.PersonId, ct);
            m.Line(given ? "✅ Згоду на обробку персональних даних надано." : "⬜ Згоди на обробку персональних даних немає.");
            m.ButtonRow(given
                ? new Button("Відкликати згоду", ButtonData.Make(ConsentHandler.Verb, "w"))
                : new Button("Дати згоду", ButtonData.Make(ConsentHandler.Verb, "a")));
        }

        return ConversationResult.Of(m);
    }

    /// <summary>The staff member's working hours and the buttons that change them (ADR 0038).</summary>
    private async Task WorkingHoursAsync(ChatContext ctx, Message m, CancellationToken ct)
    {
        var id = ctx.Persona.Staff[0].StaffId;
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (staff is null) return;
        var (from, to) = staff.WorkingHours;
        m.Blank().Bold("Робочі години")
            .Line($"🕗 З {from:H\\:mm} до {to:H\\:mm} у навчальні дні. Повідомлення батьків, написані поза цим часом, надійдуть вам на початку наступного робочого дня.")
            .ButtonRow([.. Bot.Domain.Talk.WorkingHours.FromHours.Select(h => new Button((from == new TimeOnly(h, 0) ? "▸" : "") + $"з {h}:00", $"st|w|f|{h}"))])
            .ButtonRow([.. Bot.Domain.Talk.WorkingHours.ToHours.Select(h => new Button((to == new TimeOnly(h, 0) ? "▸" : "") + $"до {h}:00", $"st|w|t|{h}"))]);
    }

    private static Message Render(IReadOnlyList<RecipientPreferences> all, NotificationRules rules, bool student)
    {
        var p = all[0];
        static string OnOff(bool on) => on ? "✅" : "⬜";
        var channel = p.Channels switch
        {
            AlertChannels.Viber => "Viber",
            AlertChannels.Telegram | AlertChannels.Viber => "Telegram і Viber",
            _ => "Telegram",
        };
        var diaryTime = p.DiaryTimeUnder(rules);
        var quiet = p.QuietHoursUnder(rules); // times the person did not choose are the school's, and move with it
        var m = new Message().Bold("Налаштування сповіщень")
            .Line($"{OnOff(p.MarkAlerts)} оцінки");
        // A student is not sent their own absences (they were there to know): no switch for them.
        if (!student) m.Line($"{OnOff(p.AbsenceAlerts)} пропуски");
        m.Line($"{OnOff(p.HomeworkNotices)} домашні завдання")
            .Line($"{OnOff(p.DailyDiary)} щоденник щовечора о {diaryTime:HH\\:mm}{(p.OwnDiaryTime ? "" : " (як у школі)")}")
            .Line((quiet is ({ } f, { } t) ? $"🌙 тиша з {f:HH\\:mm} до {t:HH\\:mm}: сповіщення прийдуть зранку" : "🌙 без тихих годин")
                + (p.OwnQuietHours ? "" : " (як у школі)"))
            .Line($"📨 сповіщення в: {channel}");
        if (student) m.ButtonRow(new Button($"{OnOff(p.MarkAlerts)} Оцінки", "st|m"));
        else m.ButtonRow(new Button($"{OnOff(p.MarkAlerts)} Оцінки", "st|m"), new Button($"{OnOff(p.AbsenceAlerts)} Пропуски", "st|a"));
        m.ButtonRow(new Button($"{OnOff(p.HomeworkNotices)} Д/з", "st|h"), new Button($"{OnOff(p.DailyDiary)} Щоденник", "st|d"))
            .ButtonRow(new Button($"🕒 Щоденник о {Hhmm(diaryTime)}", "st|t"))
            .ButtonRow(new Button(quiet is ({ } qf, { } qt) ? $"🌙 Тиша {Hhmm(qf)}–{Hhmm(qt)}" : "🌙 Тихі години: немає", "st|q"));
        if (p.OwnDiaryTime || p.OwnQuietHours) m.ButtonRow(new Button("↺ Час і тиша як у школі", "st|t|s"));
        m.ButtonRow(new Button("Telegram", "st|c|t"), new Button("Viber", "st|c|v"), new Button("Обидва", "st|c|b"));
        if (p.Channels.HasFlag(AlertChannels.Viber) && !rules.ViberAlerts)
            m.Line("ℹ️ Школа не надсилає сповіщень у Viber (кожне таке повідомлення для неї платне): вони приходять у Telegram, якщо його прив'язано.");
        return m;
    }
}
