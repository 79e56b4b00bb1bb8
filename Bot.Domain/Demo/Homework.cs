using Bot.Domain.Roster;

namespace Bot.Domain.Demo;

/// <summary>
/// Homework as teachers write it (J-8: what and how): none in grade 1; in grade 2 only optional creative tasks; in
/// grades 3–4 when given; none for optional courses (J-10), PE or lessons that end with a test.
/// </summary>
internal static class Homework
{
    private static readonly string[] Creative =
    [
        "За бажанням: намалювати ілюстрацію до прочитаного", "За бажанням: скласти загадку про осінь",
        "За бажанням: придумати казку про свою іграшку", "За бажанням: зробити виріб із природного матеріалу",
        "За бажанням: скласти три речення про свою родину",
    ];

    public static string? For(DemoPage page, LessonPlan plan, int number, DemoRandom random)
    {
        var spec = page.Subject.Spec;
        var grade = page.Class.Grade;
        if (grade == 1 || spec.Kind == SubjectKind.Optional || spec.Homework == HomeworkStyle.None) return null;
        if (grade == 2) return random.Chance(0.2) ? random.Pick(Creative) : null;
        var chance = grade <= 4 ? 0.6 : spec.Homework == HomeworkStyle.Practical ? 0.25 : plan.Kind == LessonKind.Control ? 0.3 : 0.85;
        if (!random.Chance(chance)) return null;

        var paragraph = 1 + number / 2;
        var pageNo = 6 + number * 2 + random.Next(3);
        var exercise = 3 + number * 3 + random.Next(3);
        var task = 10 + number * 6 + random.Next(5);
        if (grade <= 4)
            return spec.Key switch
            {
                "math" => $"С. {pageNo}, № {task}, {task + 2}",
                "read" => $"С. {pageNo}–{pageNo + 3}, прочитати, відповісти на запитання",
                "eng" => $"Впр. {exercise % 12 + 1}, с. {pageNo}",
                "yds" => $"С. {pageNo}, завдання {exercise % 8 + 1}",
                "inf" => $"С. {pageNo}, запитання {exercise % 6 + 1}",
                _ => $"С. {pageNo}, вправа {exercise}",
            };

        string[] options = spec.Homework switch
        {
            HomeworkStyle.Language => [$"§ {paragraph}, вправа {exercise}", $"Вивчити правило в § {paragraph}, вправа {exercise}", $"Вправа {exercise} на с. {pageNo}"],
            HomeworkStyle.Literature => [$"Прочитати с. {pageNo}–{pageNo + 12}, відповісти на запитання", "Вивчити напамʼять уривок", "Підготувати усну характеристику героя", "Дочитати твір, скласти план"],
            HomeworkStyle.Foreign => [$"Впр. {exercise % 12 + 1}, с. {pageNo}", $"Впр. {exercise % 12 + 1}, с. {pageNo}; вивчити нові слова", "Написати 8–10 речень про себе"],
            HomeworkStyle.Mathematics => [$"§ {paragraph}, № {task}, {task + 2}, {task + 5}", $"№ {task}–{task + 3}", $"§ {paragraph}, вивчити правила; № {task}"],
            HomeworkStyle.Science => [$"§ {paragraph}, запитання {exercise % 9 + 1} на с. {pageNo}", $"§ {paragraph}, вправа {exercise % 9 + 1}", $"§ {paragraph}, підготувати повідомлення"],
            HomeworkStyle.Humanities => [$"§ {paragraph}, опрацювати", $"§ {paragraph}, відповісти на запитання", spec.Key == "geo" ? $"§ {paragraph}, позначити на контурній карті" : $"§ {paragraph}, скласти хронологічну таблицю"],
            HomeworkStyle.Informatics => [$"§ {paragraph}, запитання {exercise % 9 + 1}", $"Виконати практичне завдання {exercise % 9 + 1} на с. {pageNo}"],
            _ => ["Підготувати матеріали до наступного уроку", "Завершити творчу роботу"],
        };
        return random.Pick(options);
    }
}
