using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Setup;

/// <summary>The school year: the semesters' dates, holidays, bell times — viewed and edited by the administration.</summary>
[Authorize(Policy = Policies.Setup)]
public sealed class YearModel(JournalDbContext db, PanelUser user, TimeProvider clock, SchoolSetupService setup) : SchoolPage(db, user, clock)
{
    public sealed class DatesInput
    {
        [Required(ErrorMessage = "Вкажіть дату.")] [Display(Name = "Початок І семестру")] public DateOnly? Semester1Start { get; set; }
        [Required(ErrorMessage = "Вкажіть дату.")] [Display(Name = "Кінець І семестру")] public DateOnly? Semester1End { get; set; }
        [Required(ErrorMessage = "Вкажіть дату.")] [Display(Name = "Початок ІІ семестру")] public DateOnly? Semester2Start { get; set; }
        [Required(ErrorMessage = "Вкажіть дату.")] [Display(Name = "Кінець ІІ семестру")] public DateOnly? Semester2End { get; set; }
    }

    public sealed class HolidayInput
    {
        [Required(ErrorMessage = "Вкажіть назву канікул.")] [StringLength(200, ErrorMessage = "Назва — до 200 символів.")] [Display(Name = "Назва")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Вкажіть першу дату.")] [Display(Name = "З")] public DateOnly? From { get; set; }
        [Required(ErrorMessage = "Вкажіть останню дату.")] [Display(Name = "По")] public DateOnly? To { get; set; }
    }

    public sealed class BellInput
    {
        public int Number { get; set; }
        public TimeOnly? Starts { get; set; }
        public TimeOnly? Ends { get; set; }
    }

    public sealed class PeriodMarksInput
    {
        [Required(ErrorMessage = "Вкажіть кількість днів.")]
        [Range(1, Bot.Domain.Schools.School.MaxPeriodMarkDays, ErrorMessage = "Кількість днів має бути від 1 до 60.")]
        [Display(Name = "Скільки останніх днів семестру можна виставляти семестрові оцінки")]
        public int? Days { get; set; }
    }

    /// <summary>N-12: the teachers' council's martial-law decision: "зараховано / не зараховано" for the chosen grades' semester and annual marks.</summary>
    public sealed class CreditInput
    {
        [Display(Name = "Дата рішення педагогічної ради")] public DateOnly? Date { get; set; }

        [StringLength(SchoolYear.MaxCreditDecisionNumberLength, ErrorMessage = "Номер рішення — до 20 символів.")]
        [Display(Name = "Номер рішення (протоколу)")]
        public string? Number { get; set; }

        /// <summary>The grades ticked, 5–11; none removes the decision.</summary>
        public List<int> Grades { get; set; } = [];
    }

    public DatesInput Dates { get; set; } = new();
    public CreditInput Credit { get; set; } = new();
    public PeriodMarksInput PeriodMarks { get; set; } = new();

    /// <summary>The windows of this year's period marks as the school's setting makes them (ADR 0033), for the page to show.</summary>
    public IReadOnlyList<(string What, DateWindow Window)> PeriodWindows { get; private set; } = [];
    public HolidayInput Holiday { get; set; } = new();
    public List<BellInput> Bells { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct, fillForms: true);

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostDatesAsync([FromForm(Name = nameof(Dates))] DatesInput input, CancellationToken ct)
    {
        await LoadAsync(ct, fillForms: true);
        Dates = input;
        if (Year is null) return NoYear();
        if (!ModelState.IsValid) return Page();
        var result = await setup.ChangeDatesAsync(User2.Actor, Year.Id, input.Semester1Start!.Value, input.Semester1End!.Value, input.Semester2Start!.Value,
            input.Semester2End!.Value, ct);
        return Done(result, "Дати семестрів збережено.", "Dates.Semester1Start");
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostHolidayAsync([FromForm(Name = nameof(Holiday))] HolidayInput input, CancellationToken ct)
    {
        await LoadAsync(ct, fillForms: true);
        Holiday = input;
        if (Year is null) return NoYear();
        if (!ModelState.IsValid) return Page();
        var result = await setup.AddHolidayAsync(User2.Actor, Year.Id, input.Title, input.From!.Value, input.To!.Value, ct);
        return Done(result, $"Канікули «{input.Title?.Trim()}» додано.", "Holiday.From");
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostRemoveHolidayAsync(Guid holidayId, CancellationToken ct)
    {
        await LoadAsync(ct, fillForms: true);
        if (Year is null) return NoYear();
        // Another school's (or an unknown) holiday: 404, as on every page that takes an id (ADR 0022).
        if (!await Db.Holidays.AnyAsync(h => h.Id == holidayId && h.SchoolYearId == Year.Id, ct)) return NotFound();
        return Done(await setup.RemoveHolidayAsync(User2.Actor, Year.Id, holidayId, ct), "Канікули видалено.", "");
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostPeriodMarksAsync([FromForm(Name = nameof(PeriodMarks))] PeriodMarksInput input, CancellationToken ct)
    {
        await LoadAsync(ct, fillForms: true);
        PeriodMarks = input;
        if (School is null) return NoYear();
        if (!ModelState.IsValid) return Page();
        var result = await setup.SetPeriodMarkDaysAsync(User2.Actor, School.Id, input.Days!.Value, ct);
        return Done(result, "Строки семестрових і річних оцінок збережено.", "PeriodMarks.Days");
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostCreditAsync([FromForm(Name = nameof(Credit))] CreditInput input, CancellationToken ct)
    {
        await LoadAsync(ct, fillForms: true);
        Credit = input;
        if (Year is null) return NoYear();
        if (!ModelState.IsValid) return Page();
        var result = await setup.SetCreditDecisionAsync(User2.Actor, Year.Id, input.Date, input.Number, input.Grades, ct);
        var field = result.IsSuccess ? "" : result.Error!.Code switch { "year.credit_number" => "Credit.Number", "year.credit_date" => "Credit.Date", _ => "Credit" };
        return Done(result, input.Grades.Count == 0 ? "Рішення про «зараховано / не зараховано» знято." : "Рішення педагогічної ради збережено.", field);
    }

    /// <summary>All bell times at once; a row with both times empty removes that lesson number.</summary>
    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostBellsAsync([FromForm(Name = nameof(Bells))] List<BellInput> input, CancellationToken ct)
    {
        await LoadAsync(ct, fillForms: false);
        Bells = input;
        if (School is null) return NoYear();
        for (var i = 0; i < input.Count; i++)
            if (input[i].Starts is null != input[i].Ends is null)
                ModelState.AddModelError($"Bells[{i}].Starts", "Вкажіть і початок, і кінець уроку (або залиште обидва порожніми).");
        if (!ModelState.IsValid) return Page();
        var bells = input.Where(b => b.Starts is not null && b.Ends is not null).Select(b => (b.Number, b.Starts!.Value, b.Ends!.Value)).ToList();
        var result = await setup.SetBellsAsync(User2.Actor, School.Id, bells, ct);
        if (!result.IsSuccess && BellSlot.Check(bells) is { } bad)
        {
            var index = input.FindIndex(b => b.Number == bad.Number);
            ModelState.AddModelError(index >= 0 ? $"Bells[{index}].Starts" : "", bad.Error.Message);
            return Page();
        }

        return Done(result, "Розклад дзвінків збережено.", "");
    }

    private IActionResult NoYear()
    {
        ModelState.AddModelError("", "У школи ще немає навчального року.");
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct, bool fillForms)
    {
        await LoadSchoolAsync(ct);
        if (School is null) return;
        if (Year is not null)
        {
            Dates = new DatesInput { Semester1Start = Year.Semester1Start, Semester1End = Year.Semester1End, Semester2Start = Year.Semester2Start, Semester2End = Year.Semester2End };
            Credit = new CreditInput
            {
                Date = Year.CreditDecisionDate, Number = Year.CreditDecisionNumber,
                Grades = Year.CreditDecisionDate is null ? [.. SchoolYear.LikelyCreditGrades] : [.. Year.CreditGradeList],
            };
            PeriodWindows = new[] { MarkColumn.Semester1, MarkColumn.Semester2, MarkColumn.Annual }
                .Select(c => (PeriodMarkWindows.What(c), PeriodMarkWindows.For(c, Year, School.PeriodMarkDays)!)).ToList();
        }

        PeriodMarks = new PeriodMarksInput { Days = School.PeriodMarkDays };
        if (!fillForms) return;
        var stored = await Db.BellSlots.AsNoTracking().Where(b => b.SchoolId == School.Id).ToDictionaryAsync(b => b.Number, ct);
        Bells = Enumerable.Range(1, 8).Concat(stored.Keys).Distinct().Order()
            .Select(n => new BellInput { Number = n, Starts = stored.GetValueOrDefault(n)?.Starts, Ends = stored.GetValueOrDefault(n)?.Ends }).ToList();
    }
}
