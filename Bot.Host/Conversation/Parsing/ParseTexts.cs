using Bot.Domain;
using Bot.Domain.Text;

namespace Bot.Host.Conversation.Parsing;

/// <summary>The right form of each command, as shown in refusals and in /help.</summary>
public static class CommandForms
{
    public const string Mark = "/mark 7-А алгебра Іваненко 10 [тем|зош|сем1…] [дд.мм]";
    public const string MarkMany = "/mark 7-А алгебра: Іваненко 10, Петренко 9, Сидоренко н";
    public const string AbsentTeacher = "/absent 7-А Іваненко Петренко [3 урок] [дд.мм]";
    public const string AbsentFamily = "/absent [завтра|дд.мм|з дд.мм по дд.мм], [причина]";
    public const string Lesson = "/lesson 7-А алгебра Тема уроку";
    public const string HomeworkTeacher = "/homework 7-А алгебра §3, впр. 11, 12";
    public const string HomeworkFamily = "/homework [дд.мм]";
    public const string AttendanceClassTeacher = "/attendance [7-А] [сьогодні|вчора|тиждень|минулий тиждень|семестр]";
    public const string AttendanceFamily = "/attendance [сьогодні|вчора|тиждень|минулий тиждень|семестр]";
    public const string Excuse = "/excuse Іваненко 12.11";
    public const string Diary = "/diary [сьогодні|вчора|завтра|середа|тиждень|минулий тиждень|дд.мм]";
    public const string Marks = "/marks [предмет]";
    public const string Timetable = "/timetable [сьогодні|завтра|тиждень|дд.мм]";
    public const string Start = "/start КОД";
}

/// <summary>Stable codes of the parser's refusals, for code and tests.</summary>
public static class ParseErrorCodes
{
    public const string UnknownCommand = "command.unknown";
    public const string NotForRole = "command.not_for_role";
    public const string NotLinked = "command.not_linked";
    public const string TeacherForm = "command.teacher_form";
    public const string Format = "command.format";
    public const string UnexpectedWord = "command.unexpected_word";

    public const string ClassMissing = "class.missing";
    public const string ClassNotInSchool = "class.not_in_school";
    public const string ClassNotYours = "class.not_yours";

    public const string SubjectMissing = "subject.missing";
    public const string SubjectUnknown = "subject.unknown";
    public const string GroupsMixed = "group.mixed";

    public const string StudentMissing = "student.missing";
    public const string StudentUnknown = "student.unknown";
    public const string StudentNotInGroup = "student.not_in_group";
    public const string StudentTwice = "student.twice";
    public const string SeparateWithCommas = "student.separate_with_commas";

    public const string MarkMissing = "mark.missing";
    public const string ColumnTwice = "column.twice";

    public const string DateInvalid = "date.invalid";
    public const string DateMissing = "date.missing";
    public const string DateTwice = "date.twice";
    public const string DateOneDay = "date.one_day";
    public const string DateRangeBackwards = "date.range_backwards";
    public const string DateMisplaced = "date.misplaced";

    public const string TextMissing = "text.missing";
    public const string LessonNumberInvalid = "lesson_number.invalid";
}

/// <summary>Every Ukrainian text the parser says, in one place. Neutral voice: nothing says who "found" what.</summary>
internal static class ParseTexts
{
    public const string NothingSaved = "Жодної оцінки не записано: виправте й надішліть команду ще раз.";

    // --- commands and roles ---

    public static DomainError UnknownCommand(string typed) =>
        new(ParseErrorCodes.UnknownCommand, $"Не знаю команди «{typed}». Список команд — /help.");

    public static DomainError NotLinked() =>
        new(ParseErrorCodes.NotLinked, "Спершу приєднайтеся: надішліть /start і код запрошення від школи.");

    public static DomainError NotForRole(string command, FormRole role) =>
        new(ParseErrorCodes.NotForRole, $"Команда /{command} — {ForWhom(role)}.");

    public static DomainError TeacherForm(string command, FormRole role, string familyForm) =>
        new(ParseErrorCodes.TeacherForm, $"«/{command} 7-А …» — форма {ForWhom(role)}. Для батьків: {familyForm}");

    public static string AskRole(string command) => $"Як ви надсилаєте /{command}?";

    public static string RoleLabel(FormRole role, ChatRoles roles) => role switch
    {
        FormRole.Family => roles.HasFlag(ChatRoles.Guardian) ? "Як батьки" : "Як учень",
        FormRole.Teacher => "Як вчитель",
        FormRole.ClassTeacher => "Як класний керівник",
        _ => "Як є",
    };

    private static string ForWhom(FormRole role) => role switch
    {
        FormRole.Teacher => "для вчителів",
        FormRole.ClassTeacher => "для класних керівників",
        FormRole.Guardian => "для батьків",
        _ => "для батьків і учнів",
    };

    public static DomainError Format(string form) => new(ParseErrorCodes.Format, $"Формат: {form}");

    public static DomainError Unexpected(string word, string form) =>
        new(ParseErrorCodes.UnexpectedWord, $"Не розумію «{word}». Формат: {form}");

    // --- class ---

    public static DomainError ClassMissing(string form) =>
        new(ParseErrorCodes.ClassMissing, $"Почніть з класу. Формат: {form}");

    public static DomainError ClassNotRead(DomainError error, string form) =>
        new(error.Code, $"{error.Message} Формат: {form}");

    public static DomainError ClassNotInSchool(string name) =>
        new(ParseErrorCodes.ClassNotInSchool, $"Класу {name} у школі немає.");

    public static DomainError ClassNotYours(string name, IEnumerable<ClassEntry> yours)
    {
        var list = string.Join(", ", yours.Select(c => c.Name.ToString()));
        return new(ParseErrorCodes.ClassNotYours, list.Length == 0
            ? $"У {name} у вас немає уроків, і жодного класу вам не призначено."
            : $"У {name} у вас немає уроків. Ваші класи: {list}.");
    }

    // --- subject and group ---

    public static DomainError SubjectMissing(IEnumerable<SubjectEntry> subjects, string form) =>
        new(ParseErrorCodes.SubjectMissing, $"Після класу напишіть предмет ({NameList(subjects)}). Формат: {form}");

    public static DomainError SubjectUnknownInClass(string typed, string className, IEnumerable<SubjectEntry> subjects) =>
        new(ParseErrorCodes.SubjectUnknown, $"Предмета «{typed}» у вас у {className} немає. Ваші предмети там: {NameList(subjects)}.");

    public static DomainError SubjectUnknown(string typed, IEnumerable<SubjectEntry> subjects) =>
        new(ParseErrorCodes.SubjectUnknown, $"Предмета «{typed}» немає. Предмети: {NameList(subjects)}.");

    public static string SubjectQuestion(string typed) => $"Який предмет — «{typed}»?";

    public static string GroupQuestion(string subject) => $"Яка група — {subject}?";

    public static DomainError GroupsMixed(string subject, IEnumerable<string> names) =>
        new(ParseErrorCodes.GroupsMixed,
            $"{string.Join(", ", names)} — з різних груп ({subject}): надішліть окрему команду для кожної групи.");

    // --- students ---

    public static DomainError StudentMissing(string form) =>
        new(ParseErrorCodes.StudentMissing, $"Не вказано учня. Формат: {form}");

    public static DomainError StudentUnknown(string typed, string className, IReadOnlyList<StudentEntry> similar) =>
        new(ParseErrorCodes.StudentUnknown, similar.Count == 0
            ? $"Учня «{typed}» у {className} не знайдено."
            : $"Учня «{typed}» у {className} не знайдено. Схожі: {string.Join(", ", similar.Select(s => s.FullName))}.");

    public static DomainError StudentNotInGroup(string name, string page) =>
        new(ParseErrorCodes.StudentNotInGroup, $"{name} — не з групи «{page}».");

    public static string StudentQuestion(string typed) => $"Кого саме — «{typed}»?";

    /// <summary>A name that fits no one but resembles some: asked with a button for each of them.</summary>
    public static string StudentTypoQuestion(string typed, string className) => $"Учня «{typed}» у {className} не знайдено. Ви мали на увазі:";

    public static DomainError StudentTwice(string name) =>
        new(ParseErrorCodes.StudentTwice, $"{name} — двічі в одній команді.");

    public static DomainError SeparateWithCommas() =>
        new(ParseErrorCodes.SeparateWithCommas, $"Кількох учнів розділяйте комами. Формат: {CommandForms.MarkMany}");

    // --- marks ---

    public static DomainError MarkMissing(string typed) =>
        new(ParseErrorCodes.MarkMissing, $"Для «{typed}» не вказано оцінку. Формат: {CommandForms.Mark}");

    public static DomainError UnknownAfterMark(string word) =>
        new(ParseErrorCodes.UnexpectedWord,
            $"Не розумію «{word}» після оцінки. Колонки: тем, зош, напам, сем1, сем2, кор, кор2, річ, дпа, у класах НУШ також гр1, гр2 тощо. Формат: {CommandForms.Mark}");

    public static DomainError ColumnTwice(string first, string second) =>
        new(ParseErrorCodes.ColumnTwice, $"В одній команді — одна колонка, а тут «{first}» і «{second}».");

    /// <summary>A multi-mark refusal: the item's own message, then that nothing was saved.</summary>
    public static DomainError NothingSavedAfter(DomainError error) => new(error.Code, $"{error.Message} {NothingSaved}");

    /// <summary>A mark the domain parser refused, with the student's name in front.</summary>
    public static DomainError ForStudent(string name, DomainError error) => new(error.Code, $"{name}: {error.Message}");

    // --- dates and lessons ---

    public static DomainError DateInvalid(string text) =>
        new(ParseErrorCodes.DateInvalid, $"Дати «{text}» не буває. Пишіть так: 12.11 або 12.11.2026.");

    public static DomainError OneDayExpected(string text) =>
        new(ParseErrorCodes.DateOneDay, $"Тут потрібен один день, а «{text}» — кілька. Пишіть так: 12.11.");

    public static DomainError RangeBackwards(string text) =>
        new(ParseErrorCodes.DateRangeBackwards, $"Проміжок «{text}» закінчується раніше, ніж починається. Пишіть так: 12.11-14.11.");

    public static DomainError DateTwice(string first, string second) =>
        new(ParseErrorCodes.DateTwice, $"В одній команді — одна дата, а тут {first} і {second}.");

    public static DomainError DateMisplaced(string text, string form) =>
        new(ParseErrorCodes.DateMisplaced, $"Дату «{text}» пишіть у кінці. Формат: {form}");

    public static DomainError DateMissing(string form) =>
        new(ParseErrorCodes.DateMissing, $"Вкажіть дату. Формат: {form}");

    public static DomainError LessonNumberInvalid(string text) =>
        new(ParseErrorCodes.LessonNumberInvalid, $"Уроку «{text}» не буває: номер уроку — від 0 до 12.");

    // --- free text ---

    public static DomainError TopicMissing() =>
        new(ParseErrorCodes.TextMissing, $"Після предмета напишіть тему уроку. Формат: {CommandForms.Lesson}");

    public static DomainError HomeworkMissing() =>
        new(ParseErrorCodes.TextMissing, $"Після предмета напишіть завдання. Формат: {CommandForms.HomeworkTeacher}");

    public static DomainError AbsentStudentsMissing() =>
        new(ParseErrorCodes.StudentMissing, $"Кого немає на уроці? Формат: {CommandForms.AbsentTeacher}");

    private static string NameList(IEnumerable<SubjectEntry> subjects) =>
        string.Join(", ", subjects.Select(s => s.Name).Distinct().Order(UkrainianText.Comparer));
}
