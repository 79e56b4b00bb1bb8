using System.ComponentModel.DataAnnotations;
using Bot.Domain.Roster;

namespace AdminPanel.Pages.Roster;

/// <summary>A new student arriving in a class.</summary>
public sealed class AdmitInput
{
    [Required(ErrorMessage = "Вкажіть прізвище.")]
    [StringLength(100, ErrorMessage = "Прізвище — до 100 символів.")]
    [Display(Name = "Прізвище")]
    public string LastName { get; set; } = "";

    [Required(ErrorMessage = "Вкажіть ім'я.")]
    [StringLength(100, ErrorMessage = "Ім'я — до 100 символів.")]
    [Display(Name = "Ім'я")]
    public string FirstName { get; set; } = "";

    [StringLength(100, ErrorMessage = "По батькові — до 100 символів.")]
    [Display(Name = "По батькові")]
    public string? MiddleName { get; set; }

    [Required(ErrorMessage = "Вкажіть дату народження.")]
    [Display(Name = "Дата народження")]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "Стать")]
    public Sex? Sex { get; set; }

    [Required(ErrorMessage = "Вкажіть дату зарахування.")]
    [Display(Name = "Навчається з")]
    public DateOnly? From { get; set; }
}

/// <summary>A date for a change that happens on a day: leaving, consent given or withdrawn, deactivation.</summary>
public sealed class DateInput
{
    [Required(ErrorMessage = "Вкажіть дату.")]
    [Display(Name = "Дата")]
    public DateOnly? Date { get; set; }
}

/// <summary>A student moves to another class from a date.</summary>
public sealed class TransferInput
{
    [Required(ErrorMessage = "Оберіть клас.")]
    [Display(Name = "До класу")]
    public Guid? ClassId { get; set; }

    [Required(ErrorMessage = "Вкажіть дату.")]
    [Display(Name = "З дати")]
    public DateOnly? From { get; set; }
}

/// <summary>A guardian of a student.</summary>
public sealed class GuardianInput
{
    [Required(ErrorMessage = "Вкажіть прізвище.")]
    [StringLength(100, ErrorMessage = "Прізвище — до 100 символів.")]
    [Display(Name = "Прізвище")]
    public string LastName { get; set; } = "";

    [Required(ErrorMessage = "Вкажіть ім'я.")]
    [StringLength(100, ErrorMessage = "Ім'я — до 100 символів.")]
    [Display(Name = "Ім'я")]
    public string FirstName { get; set; } = "";

    [StringLength(100, ErrorMessage = "По батькові — до 100 символів.")]
    [Display(Name = "По батькові")]
    public string? MiddleName { get; set; }

    [Display(Name = "Телефон")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Вкажіть ступінь спорідненості.")]
    [Display(Name = "Ступінь спорідненості")]
    public string Relation { get; set; } = "мати";
}

/// <summary>N-12: a displaced student's annual mark from semester II: the day of the administration's mark and its note.</summary>
public sealed class AnnualFromSemester2Input
{
    [Display(Name = "З якої дати")]
    public DateOnly? Since { get; set; }

    [StringLength(Bot.Domain.Roster.Student.MaxAnnualFromSemester2NoteLength, ErrorMessage = "Примітка — до 300 символів.")]
    [Display(Name = "Примітка (звідки прибув, які документи)")]
    public string? Note { get; set; }
}
