using Bot.Host.Conversation.Parsing;

namespace Bot.Host.Conversation.Handlers;

/// <summary>The greeting, /help and the menu of buttons: what this person can do, by their roles.</summary>
public static class HelpTexts
{
    public const string Welcome =
        "Вітаємо! Це електронний щоденник і класний журнал вашої школи.\n" +
        "Щоб почати, надішліть код запрошення, який дав класний керівник, або перейдіть за посиланням із запрошення.";

    public static IReadOnlyList<(string Command, string Description)> Commands(ChatRoles roles)
    {
        var list = new List<(string, string)>();
        if (roles.CanUse(FormRole.Family))
        {
            list.Add(("diary", "Щоденник: сьогодні, завтра, тиждень або дд.мм"));
            list.Add(("marks", "Оцінки за семестр і середні"));
            list.Add(("homework", "Домашнє завдання"));
            list.Add(("timetable", "Розклад уроків"));
            list.Add(("attendance", "Пропуски"));
            list.Add(("report", "Звіт про успішність за семестр"));
        }

        if (roles.HasFlag(ChatRoles.Guardian))
        {
            list.Add(("children", "Обрати дитину"));
            list.Add(("absent", "Повідомити, що дитина сьогодні відсутня"));
            list.Add(("write", "Написати вчителю (без номера телефону)"));
        }

        if (roles.HasFlag(ChatRoles.Teacher))
        {
            list.Add(("mark", "Оцінки: /mark 7-А алгебра Іваненко 10"));
            list.Add(("absent", "Відсутні: /absent 7-А Іваненко Петренко"));
            list.Add(("lesson", "Тема уроку: /lesson 7-А алгебра Тема"));
            list.Add(("homework", "Д/з: /homework 7-А алгебра §3, № 11"));
            list.Add(("undo", "Скасувати останній запис"));
        }

        if (roles.HasFlag(ChatRoles.ClassTeacher))
        {
            list.Add(("attendance", "Відвідування класу: /attendance 7-А тиждень"));
            list.Add(("excuse", "н → хв: /excuse Іваненко 12.11"));
            list.Add(("ack", "Хто ознайомився з моїм оголошенням"));
        }

        list.Add(("settings", "Сповіщення, час щоденника, тиша"));
        list.Add(("help", "Що вміє бот"));
        list.Add(("unlink", "Відʼєднати цей чат"));
        return list.DistinctBy(c => c.Item1).ToList();
    }

    public static Message Menu(ChatContext ctx)
    {
        var roles = ctx.Roles;
        var m = new Message();
        var whom = ctx.Persona.DiaryStudents.Select(s => s.Display).ToList();
        if (whom.Count > 0) m.Line(new Span.Plain("Щоденник: "), new Span.Bold(string.Join(", ", whom)));
        if (ctx.Staff is { } staff) m.Line(new Span.Plain("Вчитель: "), new Span.Bold(staff.FullName));
        m.Blank().Line("Команди:");
        foreach (var (command, description) in Commands(roles)) m.Line(new Span.Code("/" + command), new Span.Plain(" — " + description));
        if (roles.CanUse(FormRole.Family))
            m.ButtonRow(new Button("Щоденник", "c|/diary"), new Button("Оцінки", "c|/marks"))
             .ButtonRow(new Button("Д/з на завтра", "c|/homework завтра"), new Button("Розклад", "c|/timetable завтра"));
        // Several children: answers are about all of them unless the parent narrowed to one; this brings all back.
        if (roles.CanUse(FormRole.Family) && whom.Count > 1) m.ButtonRow(new Button("Усі діти", "ch|all"));
        if (roles.HasFlag(ChatRoles.Guardian)) m.ButtonRow(new Button("Написати вчителю", TalkHandler.WriteVerb));
        if (roles.HasFlag(ChatRoles.Teacher)) m.ButtonRow(new Button("Поставити оцінки", "c|/mark"));
        // Talking with the school: the class of the lesson under way goes to the shelter in one tap (ADR 0044).
        if (roles.HasFlag(ChatRoles.Teacher)) m.ButtonRow(ShelterButton.MenuButton);
        if (roles.HasFlag(ChatRoles.ClassTeacher)) m.ButtonRow(new Button("Відвідування класу", "c|/attendance тиждень"));
        return m;
    }
}
