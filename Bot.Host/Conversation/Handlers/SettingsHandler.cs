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
/// guardian's consent with its withdrawal (ADR 0035).
/// </summary>
public sealed class SettingsHandler(JournalDbContext db, NotificationRulesService schoolRules, ConsentService consents, ConsentHandler consent)
{
    private static readonly int[] DiaryHours = [17, 18, 19, 20, 21];

    public async Task<HandlerResult> ShowAsync(ChatContext ctx, CancellationToken ct)
    {
        var all = await PreferencesAsync(ctx, ct);
        return await RenderAsync(ctx, all, await schoolRules.ForSchoolAsync(all[0].SchoolId, ct), ct);
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
            case ["t", var h] when int.TryParse(h, out var hour) && DiaryHours.Contains(hour):
                foreach (var p in all) p.SetDiaryTime(new TimeOnly(hour, 0));
                break;
            case ["t", "s"]:
                foreach (var p in all) p.FollowSchool();
                break;
            case ["q"]:
                var on = first.QuietHoursUnder(rules).From is null;
                // The school's quiet hours (when it has none, the usual 21:00–07:30).
                var (from, to) = rules.QuietFrom is { } f && rules.QuietTo is { } t ? (f, t) : (RecipientPreferences.DefaultQuietFrom, RecipientPreferences.DefaultQuietTo);
                foreach (var p in all) p.SetQuietHours(on ? from : null, on ? to : null);
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
        var result = await RenderAsync(ctx, all, rules, ct);
        return result with { Notice = "Збережено" };
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

    private async Task<ConversationResult> RenderAsync(ChatContext ctx, IReadOnlyList<RecipientPreferences> all, NotificationRules rules, CancellationToken ct)
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
            .ButtonRow([.. DiaryHours.Select(h => new Button((diaryTime.Hour == h && diaryTime.Minute == 0 ? "▸" : "") + $"{h}:00", $"st|t|{h}"))])
            .ButtonRow(new Button(quiet.From is null ? "Увімкнути тишу вночі" : "Вимкнути тишу", "st|q"));
        if (p.OwnDiaryTime || p.OwnQuietHours) m.ButtonRow(new Button("↺ Час і тиша як у школі", "st|t|s"));
        m.ButtonRow(new Button("Telegram", "st|c|t"), new Button("Viber", "st|c|v"), new Button("Обидва", "st|c|b"));
        if (p.Channels.HasFlag(AlertChannels.Viber) && !rules.ViberAlerts)
            m.Line("ℹ️ Школа не надсилає сповіщень у Viber (кожне таке повідомлення для неї платне): вони приходять у Telegram, якщо його прив'язано.");
        return m;
    }
}
