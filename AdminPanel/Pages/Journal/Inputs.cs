using System.ComponentModel.DataAnnotations;
using Bot.Domain.Grading;

namespace AdminPanel.Pages.Journal;

/// <summary>One cell typed in the grid: a lesson's cell (<see cref="LessonId"/>) or a dateless column's at a date (M-3).</summary>
public sealed class CellInputForm
{
    public Guid StudentId { get; set; }
    public MarkColumn Column { get; set; }
    public Guid? LessonId { get; set; }
    public DateOnly? Date { get; set; }

    /// <summary>The group of learning outcomes of a group column (N-7).</summary>
    public Guid? ResultGroupId { get; set; }

    [StringLength(30, ErrorMessage = "Запис у клітинці — до 30 символів.")]
    public string? Text { get; set; }

    /// <summary>A deputy's or the director's reason for correcting someone else's journal.</summary>
    [StringLength(300, ErrorMessage = "Причина — до 300 символів.")]
    public string? Reason { get; set; }

    /// <summary>Where a converted period mark comes from (results earned abroad, N-12): the administration's note.</summary>
    [StringLength(300, ErrorMessage = "Джерело оцінки — до 300 символів.")]
    public string? SourceNote { get; set; }
}

/// <summary>A lesson recorded from the grid's right-hand page (J-6..J-9).</summary>
public sealed class LessonForm
{
    [Required(ErrorMessage = "Вкажіть дату уроку.")]
    [Display(Name = "Дата")]
    public DateOnly? Date { get; set; }

    [Range(1, 10, ErrorMessage = "Номер уроку за розкладом дзвінків — від 1 до 10.")]
    [Display(Name = "Урок за розкладом")]
    public int Slot { get; set; } = 1;

    [Display(Name = "Розділ, тема (з першого уроку теми)")]
    [StringLength(300, ErrorMessage = "Назва розділу — до 300 символів.")]
    public string? ThemeTitle { get; set; }

    [Required(ErrorMessage = "Вкажіть тему уроку (зміст уроку).")]
    [StringLength(500, ErrorMessage = "Тема — до 500 символів.")]
    [Display(Name = "Тема уроку")]
    public string? Topic { get; set; }

    [StringLength(500, ErrorMessage = "Домашнє завдання — до 500 символів.")]
    [Display(Name = "Домашнє завдання")]
    public string? Homework { get; set; }

    [Display(Name = "Я заміняю вчителя")]
    public bool AsSubstitute { get; set; }

    [StringLength(300, ErrorMessage = "Причина — до 300 символів.")]
    [Display(Name = "Причина виправлення (для адміністрації)")]
    public string? Reason { get; set; }
}
