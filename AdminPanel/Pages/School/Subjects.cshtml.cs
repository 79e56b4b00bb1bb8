using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Text;
using Bot.Domain.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Setup;

/// <summary>The school's subjects with their traits (which columns they take: M-3, M-4, M-11, J-10); add and edit.</summary>
[Authorize(Policy = Policies.Setup)]
public sealed class SubjectsModel(JournalDbContext db, PanelUser user, TimeProvider clock, TeachingSetupService setup) : SchoolPage(db, user, clock)
{
    public sealed class SubjectForm
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Вкажіть назву предмета.")] [StringLength(200, ErrorMessage = "Назва — до 200 символів.")] [Display(Name = "Назва")]
        public string? Name { get; set; }

        [Display(Name = "Вид")] public SubjectKind Kind { get; set; }
        [StringLength(400, ErrorMessage = "Скорочення — до 400 символів.")] [Display(Name = "Скорочення (через кому)")] public string? Aliases { get; set; }
        [Display(Name = "Мова або література")] public bool IsLanguageOrLiterature { get; set; }
        [Display(Name = "Іноземна мова")] public bool IsForeignLanguage { get; set; }
        [Display(Name = "Фізична культура")] public bool IsPhysicalEducation { get; set; }
        [Display(Name = "Захист України")] public bool IsDefenceOfUkraine { get; set; }
        [Display(Name = "Зошит")] public NotebookPolicy Notebook { get; set; }
        [Display(Name = "У 3–4 класах оцінювати вербально (а не рівнями П, С, Д, В)")] public bool IsVerbalInGrades3To4 { get; set; }
    }

    public List<Subject> Subjects { get; private set; } = [];
    public SubjectForm Form { get; set; } = new();

    public static string KindTitle(SubjectKind k) => k switch { SubjectKind.Elective => "курс за вибором", SubjectKind.Optional => "факультатив", _ => "предмет" };

    public static string NotebookTitle(NotebookPolicy n) => n switch
    {
        NotebookPolicy.CountsAsCurrent => "зараховується як поточна",
        NotebookPolicy.SeparateColumn => "окрема колонка, не зараховується",
        _ => "немає",
    };

    public async Task OnGetAsync(Guid? edit, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (edit is { } id && Subjects.FirstOrDefault(s => s.Id == id) is { } s)
            Form = new SubjectForm
            {
                Id = s.Id, Name = s.Name, Kind = s.Kind, Aliases = s.Aliases, IsLanguageOrLiterature = s.IsLanguageOrLiterature, IsForeignLanguage = s.IsForeignLanguage,
                IsPhysicalEducation = s.IsPhysicalEducation, IsDefenceOfUkraine = s.IsDefenceOfUkraine, Notebook = s.Notebook,
                IsVerbalInGrades3To4 = s.IsVerbalInGrades3To4,
            };
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostSaveAsync([FromForm(Name = nameof(Form))] SubjectForm input, CancellationToken ct)
    {
        await LoadAsync(ct);
        Form = input;
        if (School is null) return Page();
        if (!ModelState.IsValid) return Page();
        var data = new SubjectInput(input.Name, input.Kind,
            new SubjectTraits(input.IsPhysicalEducation, input.IsDefenceOfUkraine, input.Notebook, input.IsForeignLanguage, input.IsLanguageOrLiterature,
                IsVerbalInGrades3To4: input.IsVerbalInGrades3To4), input.Aliases);
        var result = input.Id is { } id
            ? await setup.UpdateSubjectAsync(User2.Actor, School.Id, id, data, ct)
            : await setup.AddSubjectAsync(User2.Actor, School.Id, data, ct);
        return Done(result, $"Предмет «{result.Value?.Name}» збережено.", "Form.Name");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSchoolAsync(ct);
        if (School is null) return;
        Subjects = (await Db.Subjects.AsNoTracking().Where(s => s.SchoolId == School.Id).ToListAsync(ct))
            .OrderBy(s => UkrainianText.SortKey(s.Name), StringComparer.Ordinal).ToList();
    }
}
