using Bot.Domain.Grading;
using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>The expected "no"s of the journal, with the Ukrainian text a user reads.</summary>
public static class JournalErrors
{
    public static DomainError NotFound(string what) => new("not_found", $"{what} не знайдено.");

    public static DomainError FutureDate(DateOnly date) =>
        new("lesson.future", $"Урок на {date:dd.MM.yyyy} ще не відбувся: записувати уроки наперед не можна."); // J-7

    public static DomainError OutsideYear(DateOnly date, string year) =>
        new("lesson.outside_year", $"{date:dd.MM.yyyy} не належить до {year} навчального року.");

    public static DomainError NotSchoolDay(DateOnly date) =>
        new("lesson.not_school_day", $"{date:dd.MM.yyyy} — вихідний або канікули: уроків у цей день немає.");

    public static readonly DomainError NotYourLesson =
        new("auth.not_your_subject", "Це не ваш клас або предмет: записи робить учитель, який його веде.");

    public static readonly DomainError ReasonRequired =
        new("auth.reason_required", "Виправлення в чужому журналі потребує причини: вкажіть її.");

    /// <summary>Something was typed but nothing of it can be seen (e.g. only a zero-width space): refused, never stored as empty.</summary>
    public static DomainError InvisibleText(string field) =>
        new("text.invisible", $"{field} складається лише з невидимих символів: напишіть текст, який можна прочитати.");

    public static readonly DomainError NoHomeworkInGrade1 =
        new("homework.grade1", "У 1 класі домашніх завдань не задають."); // J-8

    public static readonly DomainError NoHomeworkForOptional =
        new("homework.optional", "Для факультативу домашнє завдання не задають."); // J-10

    public static DomainError StudentNotInClass(string student, string className) =>
        new("student.not_in_class", $"{student} не навчається в {className} на цю дату.");

    public static DomainError StudentNotInGroup(string student, string group) =>
        new("student.not_in_group", $"{student} не входить до групи «{group}».");

    public static DomainError LateMark(int days) =>
        new("mark.late", $"Урок був понад {days} днів тому: оцінку після цього строку ставить лише заступник директора із зазначенням причини."); // M-2

    /// <summary>A cell that holds an entry older than the undo window: says what is in it and who may correct it.</summary>
    public static DomainError TooLateToChange(string value, TimeSpan window) =>
        new("mark.locked", (value.Length > 0 ? $"У клітинці вже стоїть «{value}», записане" : "Запис зроблено") +
            $" понад {UkrainianText.Duration(window)} тому: виправити його може лише заступник директора або директор, вказавши причину.");

    /// <summary>"н" over a mark of the lesson: refused with the mark named, so that nothing is lost without a word.</summary>
    public static DomainError AbsenceOverMark(string student, string mark) =>
        new(AbsenceOverMarkCode, $"{student} уже має оцінку {mark} за цей урок, тому «н» не поставлено. Якщо учня не було, " +
            "спершу виправте оцінку (очистьте клітинку знаком «-»), а тоді позначте відсутність.");

    public const string AbsenceOverMarkCode = "absence.over_mark";

    public static readonly DomainError NothingToUndo =
        new("undo.none", "Немає записів, які можна скасувати.");

    /// <summary>/undo after the window: nothing changes; the window is told as it is set ("30 с", "1 хв 30 с").</summary>
    public static DomainError UndoWindowPassed(TimeSpan window) =>
        new("undo.window_passed", $"Скасувати вже не можна: запис зроблено понад {UkrainianText.Duration(window)} тому " +
            $"(вікно — {UkrainianText.Duration(window)}). Виправити його тепер може заступник директора або директор, вказавши причину.");

    public static readonly DomainError UndoNotYours =
        new("undo.not_yours", "Скасувати можна лише власний запис.");

    public static readonly DomainError AlreadyUndone =
        new("undo.already", "Цей запис уже скасовано.");

    public static readonly DomainError UndoChangedSince =
        new("undo.changed_since", "Ці записи вже змінено іншим записом: скасуйте спершу його або виправте клітинки.");

    public static readonly DomainError UndoExcusedReport =
        new("undo.excused_report", "Останнім записом ви визнали поважною причину відсутності за повідомленням батьків — його не скасовують через /undo. " +
            "Якщо учень пропустив без поважної причини, змініть «хв» на «н» на сторінці предмета.");

    public static readonly DomainError UndoLessonText =
        new("undo.lesson_text", "Тему й домашнє завдання так не скасувати: виправте їх командою /lesson або /homework.");

    public static readonly DomainError AnnualNotCorrected =
        new("mark.annual_final", "Річна оцінка остаточна: її не виправляють і не коригують.");

    public static readonly DomainError CorrectionWithoutSemester =
        new("mark.correction_without_semester", "Скоригувати можна лише виставлену семестрову оцінку: спершу поставте її.");

    public static readonly DomainError SecondCorrection =
        new("mark.second_correction", "Семестрову оцінку вже коригували, а коригують її лише один раз.");

    public static readonly DomainError CorrectionNotHigher =
        new("mark.correction_not_higher", "Скоригована оцінка записується, лише якщо вона вища за семестрову; інакше нічого не пишуть.");

    public const string PeriodWindowCode = "mark.period_window";

    /// <summary>A period mark outside its window (ADR 0033): the text names the window's dates.</summary>
    public static DomainError PeriodWindowClosed(string text) => new(PeriodWindowCode, text);

    /// <summary>An annual mark before the semester marks it comes from (M-8): names the semesters still without a mark.</summary>
    public static DomainError AnnualWithoutSemesters(IReadOnlyList<int> missing) =>
        new("mark.annual_without_semesters", "Річну оцінку можна виставити, коли є оцінки за обидва семестри (або «н/а»): немає за " +
            (missing.Count == 1 ? $"{Roman(missing[0])} семестр." : "І і ІІ семестри."));

    /// <summary>N-12: the displaced student's annual mark comes from semester II alone, which is still missing.</summary>
    public static DomainError AnnualWithoutSemester2(string note) =>
        new("mark.annual_without_semesters", $"Річну оцінку цьому учневі виставляють за ІІ семестр ({note}), а оцінки за ІІ семестр ще немає.");

    /// <summary>N-12: a source note goes only with a period mark on the journal's scale, written by the administration.</summary>
    public static readonly DomainError SourceNoteNotForColumn =
        new("mark.source_note", "Примітку про джерело оцінки (зарахування результатів навчання за кордоном) додають лише до оцінки за семестр, рік, скоригованої або за групою результатів.");

    public static readonly DomainError SourceNoteOnlyScaleMark =
        new("mark.source_note", "Примітку про джерело додають лише до оцінки за шкалою (бали або рівень), а не до «н/а», «зв» чи «зар».");

    public static readonly DomainError SourceNoteOnlyAdministration =
        new("mark.source_note", "Оцінку, зараховану за результатами навчання за кордоном, вносить заступник директора або директор.");

    public static DomainError SourceNoteTooLong(int max) => new("mark.source_note", $"Примітка про джерело оцінки — до {max} символів.");

    private static string Roman(int semester) => semester == 1 ? "І" : "ІІ";

    public static readonly DomainError AppealWithoutDpa =
        new("mark.appeal_without_dpa", "Апеляційну оцінку ставлять лише після оцінки ДПА."); // M-10

    public static readonly DomainError ExcuseOnlyClassTeacher =
        new("absence.excuse_rights", "Змінювати «н» на «хв» і назад може класний керівник цього класу.");

    public static DomainError NoAbsence(string student, DateOnly date) =>
        new("absence.none", $"У {student} немає пропусків за {date:dd.MM.yyyy}.");

    /// <summary>N-7: marks by groups of learning outcomes belong to НУШ classes.</summary>
    public static DomainError ResultGroupNotNus(string className) =>
        new("cell.result_group_not_nus", $"{className} — не клас НУШ: оцінки за групами результатів ставлять лише в класах НУШ.");

    /// <summary>N-9: the school keeps no "Тематична" in НУШ classes.</summary>
    public static DomainError NusWithoutThematic(string className) =>
        new("cell.nus_no_thematic", $"{className} — клас НУШ, а школа вирішила не ставити в класах НУШ тематичних оцінок: оцінюйте за групами результатів.");
}
