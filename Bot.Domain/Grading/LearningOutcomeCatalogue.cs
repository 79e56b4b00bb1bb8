using Bot.Domain.Text;

namespace Bot.Domain.Grading;

/// <summary>
/// The typical educational fields of grades 1–2 and a short list of expected learning outcomes per field (docs/rules.md
/// N-20). The fields are the primary Standard's; the outcomes are short paraphrases of its general lines, not the
/// programme's own wording — so the school edits them. Subjects are matched to a field by name
/// (<see cref="UkrainianText.SearchKey"/>); "Я досліджую світ" belongs to the natural, social and civic fields.
/// </summary>
public static class LearningOutcomeCatalogue
{
    public sealed record Field(string Name, string[] Subjects, string[] Outcomes);

    public static readonly IReadOnlyList<Field> Fields =
    [
        new("Мовно-літературна", ["Українська мова", "Літературне читання", "Українська мова та читання", "Навчання грамоти"],
        [
            "Усно взаємодіє: слухає, розуміє, висловлюється",
            "Читає вголос і мовчки, розуміє прочитане",
            "Висловлюється письмово",
            "Досліджує мовні явища, творчо використовує мову",
        ]),
        new("Іншомовна", ["Англійська мова", "Німецька мова", "Французька мова", "Іспанська мова", "Польська мова", "Іноземна мова"],
        [
            "Сприймає на слух і розуміє",
            "Говорить: взаємодіє та висловлюється",
            "Читає та пише прості тексти",
        ]),
        new("Математична", ["Математика"],
        [
            "Лічить, обчислює, порівнює числа",
            "Розвʼязує задачі, моделює ситуації",
            "Вимірює величини, розпізнає геометричні фігури",
            "Працює з даними, критично оцінює результат",
        ]),
        new("Природнича", ["Я досліджую світ", "Природознавство"],
        [
            "Досліджує природу: спостерігає, експериментує",
            "Розуміє звʼязки в природі, дбає про неї",
        ]),
        new("Соціальна і здоровʼязбережувальна", ["Я досліджую світ"],
        [
            "Дбає про своє здоровʼя і безпеку",
            "Взаємодіє з іншими, поводиться відповідально",
        ]),
        new("Громадянська та історична", ["Я досліджую світ"],
        [
            "Пізнає себе, родину, громаду, Україну",
            "Дотримується правил спільного життя",
        ]),
        new("Технологічна", ["Дизайн і технології", "Трудове навчання"],
        [
            "Створює вироби за зразком і власним задумом",
            "Безпечно працює з матеріалами та інструментами",
        ]),
        new("Інформатична", ["Інформатика", "Я досліджую світ"],
        [
            "Знаходить і використовує інформацію",
            "Безпечно користується цифровими пристроями",
        ]),
        new("Мистецька", ["Мистецтво", "Музичне мистецтво", "Образотворче мистецтво"],
        [
            "Сприймає та інтерпретує мистецтво",
            "Творить, висловлює себе засобами мистецтва",
        ]),
        new("Фізкультурна", ["Фізична культура"],
        [
            "Виконує рухові дії та вправи",
            "Дотримується правил безпеки та чесної гри",
        ]),
    ];

    /// <summary>Whether a subject's name is one of the field's typical subjects.</summary>
    public static bool Holds(Field field, string subjectName) =>
        field.Subjects.Any(s => UkrainianText.SearchKey(s) == UkrainianText.SearchKey(subjectName));

    /// <summary>The catalogue's fields as new rows of a year, with the given subjects matched by name (the demo; the caller adds them).</summary>
    internal static List<object> NewRows(Guid schoolId, Guid yearId, IEnumerable<Roster.Subject> subjects)
    {
        var rows = new List<object>();
        var list = subjects.Where(s => s.Kind != Roster.SubjectKind.Optional).ToList();
        for (var f = 0; f < Fields.Count; f++)
        {
            var field = new EducationalField(schoolId, yearId, f + 1, Fields[f].Name);
            rows.Add(field);
            rows.AddRange(Fields[f].Outcomes.Select((t, i) => new LearningOutcome(schoolId, yearId, field.Id, i + 1, CodeOf(f + 1, i + 1), t)));
            rows.AddRange(list.Where(s => Holds(Fields[f], s.Name)).Select(s => new EducationalFieldSubject(schoolId, field.Id, s.Id)));
        }

        return rows;
    }

    /// <summary>"2.3": the field's number and the outcome's.</summary>
    public static string CodeOf(int field, int number) => $"{field}.{number}";
}
