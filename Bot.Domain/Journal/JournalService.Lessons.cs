using Bot.Domain.Audit;
using Bot.Domain.Notifications;
using Bot.Domain.Roster;
using Microsoft.EntityFrameworkCore;
using Bot.Domain.Text;

namespace Bot.Domain.Journal;

/// <summary>What a teacher writes on the right-hand page: one lesson (J-6).</summary>
public sealed record LessonInput(
    Guid ClassId,
    Guid SubjectId,
    Guid? GroupId,
    DateOnly Date,
    int Slot,
    string? Topic,
    string? ThemeTitle = null,
    string? Homework = null,
    bool AsSubstitute = false,
    string? Reason = null);

public sealed partial class JournalService
{
    /// <summary>
    /// Records a lesson held (or updates the record of the same lesson): J-6 numbering, J-7 not in advance,
    /// J-8 homework rules, J-9 substitute note, J-10 optional courses. <paramref name="notify"/> = false writes no
    /// homework notices (seeding history). Its audit record joins write unit <paramref name="batchId"/> (a command that
    /// creates the lesson for its marks passes the marks' unit), or a new one.
    /// </summary>
    public Task<Result<Lesson>> RecordLessonAsync(Actor actor, LessonInput input, bool notify = true, CancellationToken ct = default, Guid? batchId = null) =>
        db.WriteAsync<Result<Lesson>>(async c =>
        {
            // A topic or homework of only invisible characters is refused; it neither clears nor sets anything.
            if (VisibleText.IsInvisibleOnly(input.Topic)) return JournalErrors.InvisibleText("Тема уроку");
            if (VisibleText.IsInvisibleOnly(input.Homework)) return JournalErrors.InvisibleText("Домашнє завдання");
            if (VisibleText.IsInvisibleOnly(input.ThemeTitle)) return JournalErrors.InvisibleText("Назва розділу");
            var unit = NewUnit(batchId);
            var loaded = await LoadPageAsync(input.ClassId, input.SubjectId, input.GroupId, c);
            if (!loaded.IsSuccess) return Result<Lesson>.Fail(loaded.Error!);
            var page = loaded.Value!;

            var check = await CheckLessonAsync(actor, page, input, c);
            // J-9: not their page, but the administration recorded them as this lesson's substitute (asked only then).
            var standsIn = !check.IsSuccess && (check.Error == JournalErrors.NotYourLesson || check.Error == JournalErrors.ReasonRequired)
                && await SubstitutesAsync(actor, input.ClassId, input.SubjectId, input.GroupId, input.Date, input.Slot, c);
            if (standsIn) check = CheckLessonDay(page, input);
            if (!check.IsSuccess) return Result<Lesson>.Fail(check.Error!);

            var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.ClassId == input.ClassId && l.SubjectId == input.SubjectId
                && l.GroupId == input.GroupId && l.Date == input.Date && l.Slot == input.Slot, c);
            var isNew = lesson is null;
            var before = isNew ? null : Describe(lesson!);
            if (isNew)
            {
                lesson = new Lesson(page.School.Id, page.Year.Id, page.Class.Id, page.Subject.Id, input.GroupId,
                    actor.StaffId ?? await AnyTeacherOfAsync(page, c), input.Date, input.Slot);
                db.Lessons.Add(lesson);
            }

            var homeworkBefore = lesson!.Homework;
            lesson.Describe(input.Topic is null ? lesson.Topic : VisibleText.Normalize(input.Topic), input.ThemeTitle ?? lesson.ThemeTitle);
            if (input.Homework is not null) lesson.SetHomework(input.Homework);
            if ((input.AsSubstitute || standsIn) && actor.StaffId is { } substituteId)
            {
                var substitute = await db.Staff.FirstAsync(s => s.Id == substituteId, c);
                lesson.MarkSubstitution(substituteId, substitute.ShortName);
            }

            if (isNew) await RenumberAsync(lesson, c);
            var after = Describe(lesson);
            if (before == after) return lesson;

            Audit(page, actor, unit, nameof(Lesson), lesson.Id, isNew ? AuditAction.Created : AuditAction.Changed, before, after, input.Reason,
                $"{page.ClassTitle} · {page.PageTitle} · {lesson.Date:dd.MM.yyyy} · урок {lesson.Slot}", lessonId: lesson.Id);

            if (notify && lesson.Homework is not null && lesson.Homework != homeworkBefore)
                await NotifyHomeworkAsync(page, lesson, unit.AtUtc, c);

            await db.SaveChangesAsync(c);
            return lesson;
        }, ct);

    private async Task<Result<bool>> CheckLessonAsync(Actor actor, Page page, LessonInput input, CancellationToken ct)
    {
        var day = CheckLessonDay(page, input);
        if (!day.IsSuccess) return day;
        if (input.AsSubstitute && actor.Is(StaffRoles.Teacher)) return true; // J-9: any teacher may stand in; the note says who.
        return await AuthorizeAsync(actor, page, input.Reason, ct);
    }

    /// <summary>
    /// J-9: the substitute the administration recorded for this lesson (a day change of the timetable) records it and
    /// marks it as its teacher would.
    /// </summary>
    private async Task<bool> SubstitutesAsync(Actor actor, Guid classId, Guid subjectId, Guid? groupId, DateOnly date, int slot, CancellationToken ct) =>
        actor.StaffId is { } staffId && await db.DayChanges.AsNoTracking().AnyAsync(c => c.Kind == Timetable.DayChangeKind.Substitution
            && c.ClassId == classId && c.SubjectId == subjectId && c.GroupId == groupId && c.Date == date && c.LessonNumber == slot && c.TeacherId == staffId, ct);

    private static Result<bool> CheckLessonDay(Page page, LessonInput input)
    {
        var open = page.Year.EnsureOpen();
        if (!open.IsSuccess) return open;
        if (!page.Year.Contains(input.Date)) return JournalErrors.OutsideYear(input.Date, page.Year.Title);
        if (input.Date > page.Today) return JournalErrors.FutureDate(input.Date);
        if (page.Year.SemesterOf(input.Date) is null || page.Year.IsHoliday(input.Date) || input.Date.DayOfWeek == DayOfWeek.Sunday)
            return JournalErrors.NotSchoolDay(input.Date);
        if (!VisibleText.IsBlank(input.Homework))
        {
            if (page.Class.Grade == 1) return JournalErrors.NoHomeworkInGrade1;
            if (page.Subject.Kind == SubjectKind.Optional) return JournalErrors.NoHomeworkForOptional;
        }

        return true;
    }

    private async Task<Guid> AnyTeacherOfAsync(Page page, CancellationToken ct) =>
        await db.TeachingAssignments.Where(a => a.ClassId == page.Class.Id && a.SubjectId == page.Subject.Id)
            .Select(a => (Guid?)a.TeacherId).FirstOrDefaultAsync(ct)
        ?? throw new DomainException(new DomainError("lesson.no_teacher", $"У {page.ClassTitle} ніхто не веде «{page.Subject.Name}»."));

    /// <summary>
    /// J-6: lessons of a page are numbered 1..N in date order; a lesson recorded late shifts the ones after it. The
    /// lessons before the new one keep their numbers, so only the page's last lesson is read when the new one comes
    /// after it (a lesson recorded on its day), and only the later ones otherwise.
    /// </summary>
    private async Task RenumberAsync(Lesson lesson, CancellationToken ct)
    {
        var (date, slot) = (lesson.Date, lesson.Slot);
        var others = db.Lessons.Where(l => l.ClassId == lesson.ClassId && l.SubjectId == lesson.SubjectId && l.GroupId == lesson.GroupId
            && l.SchoolYearId == lesson.SchoolYearId && l.Id != lesson.Id);
        var last = await others.OrderByDescending(l => l.Date).ThenByDescending(l => l.Slot)
            .Select(l => new { l.Date, l.Slot, l.Number }).FirstOrDefaultAsync(ct);
        if (last is null || last.Date < date || (last.Date == date && last.Slot < slot))
        {
            lesson.Number = (last?.Number ?? 0) + 1;
            return;
        }

        var before = await others.CountAsync(l => l.Date < date || (l.Date == date && l.Slot < slot), ct);
        var after = await others.Where(l => l.Date > date || (l.Date == date && l.Slot > slot)).ToListAsync(ct);
        var n = before + 1;
        lesson.Number = n++;
        foreach (var l in after.OrderBy(l => l.Date).ThenBy(l => l.Slot)) l.Number = n++;
    }

    private static string Describe(Lesson l) =>
        $"№{l.Number}; тема: {l.Topic}" + (l.ThemeTitle is null ? "" : $"; розділ: {l.ThemeTitle}") +
        (l.Homework is null ? "" : $"; д/з: {l.Homework}") + (l.SubstituteNote is null ? "" : $"; {l.SubstituteNote}");

    private async Task NotifyHomeworkAsync(Page page, Lesson lesson, DateTime now, CancellationToken ct)
    {
        var students = await StudentsOfPageAsync(page, lesson.Date, ct);
        await _outbox.CancelPendingAsync(lesson.Id, ct);
        // One notice per family, naming each of its children on the page (a parent of two in the class gets one).
        await _outbox.ToFamiliesAsync(page.School.Id, students, lesson.Id, now.Ticks.ToString(),
            children => new HomeworkNoticePayload(lesson.Id, page.Class.Id, page.PageTitle, lesson.Date, lesson.Homework, children),
            now, now + page.UndoWindow(settings), ct);
        // A student with a chat of their own gets the homework too, naming only them (ADR 0035).
        await _outbox.ToStudentsAsync(page.School.Id,
            students.Select(s => (s, lesson.Id, (OutboxPayload)new HomeworkNoticePayload(lesson.Id, page.Class.Id, page.PageTitle, lesson.Date, lesson.Homework, [s]))).ToList(),
            now.Ticks.ToString(), now, now + page.UndoWindow(settings), ct);
    }

    /// <summary>Students on a page on a date: the class's enrolled students, or the group's members (J-5).</summary>
    private async Task<List<Guid>> StudentsOfPageAsync(Page page, DateOnly date, CancellationToken ct)
    {
        var enrolled = await db.Enrolments.AsNoTracking()
            .Where(e => e.ClassId == page.Class.Id && e.From <= date && (e.To == null || e.To >= date))
            .Select(e => e.StudentId).ToListAsync(ct);
        return page.Group is null ? enrolled : enrolled.Where(id => page.Group.HasMember(id, date)).ToList();
    }
}
