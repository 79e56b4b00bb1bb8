using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Notifications;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Bot.Domain.Timetable;

/// <summary>What happens after the all-clear ("Відбій").</summary>
public enum AllClearNext
{
    /// <summary>The lessons go on as held.</summary>
    Continue,

    /// <summary>From lesson N the class learns online, at the lessons' times.</summary>
    OnlineSync,

    /// <summary>From lesson N the class learns online, on its own (tasks).</summary>
    OnlineAsync,

    /// <summary>The day's lessons end.</summary>
    EndDay,
}

/// <summary>A class's lesson under way: the class, the lesson's number and page.</summary>
public sealed record LessonNow(SchoolClass Class, PlannedLesson Lesson);

/// <summary>What a shelter step did: the classes it reached, and those it left alone (already in, or not in the shelter).</summary>
public sealed record ShelterOutcome(IReadOnlyList<string> Done, IReadOnlyList<string> Skipped, int Families);

/// <summary>
/// "Клас в укритті" and "Відбій" (ADR 0044). A teacher presses it for the class they are teaching now
/// (the lesson under way by the bells and the day's plan); the administration for chosen classes or the whole school.
/// The shelter is a day change of the class (<see cref="DayChangeKind.Shelter"/>); the all-clear another
/// (<see cref="DayChangeKind.AllClear"/>) and, per lesson it touched, a status (N-19): held in the shelter, online
/// (synchronous or asynchronous), not held because of the alert. Every step is audited and writes, in its transaction,
/// one urgent outbox row per family of the class (<see cref="ShelterNoticePayload"/>), which goes through quiet hours.
/// Pressing again while the class is in the shelter changes nothing and sends nothing.
/// </summary>
public sealed class ShelterService(JournalDbContext db, TimeProvider clock)
{
    public static readonly DomainError NotYours =
        new("shelter.forbidden", "Позначити клас в укритті може лише вчитель, який зараз веде в ньому урок, або адміністрація школи.");

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>The lesson number under way at <paramref name="local"/> by the bells (from its start to its end), or null.</summary>
    public static int? BellNumber(IEnumerable<BellSlot> bells, TimeOnly local) =>
        bells.Where(b => b.Starts <= local && local <= b.Ends).OrderBy(b => b.Number).Select(b => (int?)b.Number).FirstOrDefault();

    /// <summary>The lesson the teacher is teaching now by the bells and today's plans, or a Ukrainian refusal.</summary>
    public async Task<Result<LessonNow>> LessonNowAsync(Guid schoolId, Guid staffId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var local = SchoolTime.LocalNow(clock, school.TimeZone);
        var today = DateOnly.FromDateTime(local);
        var bells = await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == schoolId).ToListAsync(ct);
        var number = BellNumber(bells, TimeOnly.FromDateTime(local));
        var year = (await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).ToListAsync(ct)).FirstOrDefault(y => y.Contains(today));
        if (number is not { } n || year is null)
            return new DomainError("shelter.nolesson", "Зараз за розкладом дзвінків уроку немає. Позначити клас в укритті можна під час свого уроку; між уроками це робить адміністрація.");
        var busy = await TimetablePlans.BusyAsync(db, schoolId, year.Id, staffId, today, n, null, ct);
        if (busy is not { } b)
            return new DomainError("shelter.nolesson", $"Зараз ({n} урок) у вас за розкладом немає уроку. Позначити клас в укритті може вчитель, який веде в ньому урок, або адміністрація.");
        var cls = await db.Classes.AsNoTracking().FirstAsync(c => c.Id == b.ClassId, ct);
        return new LessonNow(cls, b.Lesson);
    }

    /// <summary>The class's lessons today that have not begun by the bells, in order: where "online from" may start.</summary>
    public async Task<IReadOnlyList<int>> LessonsAheadAsync(Guid schoolId, Guid classId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var local = SchoolTime.LocalNow(clock, school.TimeZone);
        var hour = TimeOnly.FromDateTime(local);
        var bells = await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == schoolId).ToDictionaryAsync(b => b.Number, ct);
        var plan = await TimetablePlans.DayAsync(db, schoolId, classId, DateOnly.FromDateTime(local), ct);
        return plan.Held.Where(l => bells.TryGetValue(l.Number, out var b) && b.Starts > hour).Select(l => l.Number).Distinct().Order().ToList();
    }

    public async Task<string> ClassNameAsync(Guid classId, CancellationToken ct = default) =>
        (await db.Classes.AsNoTracking().FirstAsync(c => c.Id == classId, ct)).Name.ToString();

    /// <summary>Null when the actor may give the class's all-clear now; otherwise why not (for the "what next?" question).</summary>
    public async Task<DomainError?> AllClearRefusalAsync(Actor actor, Guid schoolId, Guid classId, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(actor, schoolId, [classId], ct, allClear: true);
        return loaded.IsSuccess ? null : loaded.Error;
    }

    /// <summary>Whether each class is in the shelter today: its last shelter step is "in".</summary>
    public async Task<Dictionary<Guid, DayChange>> InShelterAsync(Guid schoolId, DateOnly date, CancellationToken ct = default)
    {
        var steps = await db.DayChanges.AsNoTracking()
            .Where(c => c.SchoolId == schoolId && c.Date == date && (c.Kind == DayChangeKind.Shelter || c.Kind == DayChangeKind.AllClear))
            .ToListAsync(ct);
        return steps.Where(c => c.ClassId is not null).GroupBy(c => c.ClassId!.Value)
            .Select(g => g.OrderBy(c => c.CreatedAtUtc).Last())
            .Where(c => c.Kind == DayChangeKind.Shelter)
            .ToDictionary(c => c.ClassId!.Value);
    }

    /// <summary>
    /// "Клас в укритті". <paramref name="classIds"/> null: the whole school (administration only). A teacher may name only
    /// the class of the lesson they are teaching now.
    /// </summary>
    public Task<Result<ShelterOutcome>> EnterAsync(Actor actor, Guid schoolId, IReadOnlyCollection<Guid>? classIds, CancellationToken ct = default) =>
        db.WriteAsync<Result<ShelterOutcome>>(async c =>
        {
            var loaded = await LoadAsync(actor, schoolId, classIds, c);
            if (!loaded.IsSuccess) return loaded.Error;
            var (school, classes, today, number) = loaded.Value!;
            var inShelter = await InShelterAsync(schoolId, today, c);
            var now = UtcNow;
            var time = SchoolTime.LocalNow(clock, school.TimeZone).ToString("HH:mm");
            List<string> done = [], skipped = [];
            var families = 0;
            foreach (var cls in classes)
            {
                if (inShelter.ContainsKey(cls.Id))
                {
                    skipped.Add(cls.Name.ToString());
                    continue;
                }

                var step = DayChange.Shelter(school.Id, cls.Id, today, number, actor.Roles.CanCorrectAnyJournal() ? null : actor.StaffId, actor.StaffId, now);
                db.DayChanges.Add(step);
                Audit(actor, step, $"Клас в укритті · {cls.Name} · {today:dd.MM.yyyy} {time}" + (number is { } n ? $", {n} урок" : ""));
                families += await NotifyAsync(school.Id, cls, step, today, children => new ShelterNoticePayload(step.Id, cls.Id, cls.Name.ToString(), children,
                    AllClear: false, time, number, null), c);
                done.Add(cls.Name.ToString());
            }

            await db.SaveChangesAsync(c);
            return new ShelterOutcome(done, skipped, families);
        }, ct);

    /// <summary>
    /// "Відбій" for the classes in the shelter among <paramref name="classIds"/> (null: all of the school's). Records the
    /// all-clear and the status of each lesson the alert touched (N-19): the lessons from the shelter's to the one under
    /// way now are held in the shelter; then, by <paramref name="next"/>, the rest go on as usual, are online from
    /// <paramref name="onlineFrom"/> (those between not held), or are not held.
    /// </summary>
    public Task<Result<ShelterOutcome>> AllClearAsync(Actor actor, Guid schoolId, IReadOnlyCollection<Guid>? classIds, AllClearNext next, int? onlineFrom,
        CancellationToken ct = default) =>
        db.WriteAsync<Result<ShelterOutcome>>(async c =>
        {
            var loaded = await LoadAsync(actor, schoolId, classIds, c, allClear: true);
            if (!loaded.IsSuccess) return loaded.Error;
            var (school, classes, today, number) = loaded.Value!;
            var online = next is AllClearNext.OnlineSync or AllClearNext.OnlineAsync;
            if (online && onlineFrom is not (>= 0 and <= 12)) return new DomainError("shelter.from", "Оберіть, з якого уроку навчання онлайн.");
            if (online && number is { } current && onlineFrom <= current)
                return new DomainError("shelter.from", $"Зараз іде {current} урок: онлайн можна продовжити з наступного.");
            var inShelter = await InShelterAsync(schoolId, today, c);
            var plans = await TimetablePlans.DaysAsync(db, school.Id, classes.Select(k => k.Id).ToList(), today, c);
            var bells = await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == school.Id).ToListAsync(c);
            var zone = SchoolTime.Resolve(school.TimeZone);
            var now = UtcNow;
            var time = SchoolTime.LocalNow(clock, school.TimeZone).ToString("HH:mm");
            var nextText = NextText(next, onlineFrom);
            List<string> done = [], skipped = [];
            var families = 0;
            foreach (var cls in classes)
            {
                if (!inShelter.TryGetValue(cls.Id, out var shelter))
                {
                    skipped.Add(cls.Name.ToString());
                    continue;
                }

                var step = DayChange.AllClear(school.Id, cls.Id, today, number, online ? onlineFrom : null, actor.StaffId, now, nextText);
                db.DayChanges.Add(step);
                // The lessons the alert touched: from the one under way when the class went down (or the next, between
                // lessons) to the one under way now (or the last that began).
                var startedLocal = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(shelter.CreatedAtUtc, zone));
                var first = shelter.LessonNumber ?? bells.Where(b => b.Starts >= startedLocal).Select(b => (int?)b.Number).Min() ?? int.MaxValue;
                var nowLocal = TimeOnly.FromDateTime(SchoolTime.LocalNow(clock, school.TimeZone));
                var last = number ?? bells.Where(b => b.Starts <= nowLocal).Select(b => (int?)b.Number).Max() ?? -1;
                var statuses = new List<string>();
                foreach (var lesson in plans[cls.Id].Held.Where(l => l.Status is null))
                {
                    DayChangeKind? status = lesson.Number >= first && lesson.Number <= last ? DayChangeKind.HeldInShelter
                        : lesson.Number <= last ? null
                        : next switch
                        {
                            AllClearNext.EndDay => DayChangeKind.NotHeldAlert,
                            AllClearNext.OnlineSync when lesson.Number >= onlineFrom => DayChangeKind.OnlineSync,
                            AllClearNext.OnlineAsync when lesson.Number >= onlineFrom => DayChangeKind.OnlineAsync,
                            AllClearNext.OnlineSync or AllClearNext.OnlineAsync => DayChangeKind.NotHeldAlert,
                            _ => null,
                        };
                    if (status is not { } s) continue;
                    db.DayChanges.Add(DayChange.LessonStatus(school.Id, s, cls.Id, today, lesson.Number, lesson.SubjectId, lesson.GroupId, actor.StaffId, now));
                    statuses.Add($"{lesson.Number} урок: {DayChangeText.StatusText(s)}");
                }

                Audit(actor, step, $"Відбій · {cls.Name} · {today:dd.MM.yyyy} {time}: {nextText}" + (statuses.Count > 0 ? $" ({string.Join("; ", statuses)})" : ""));
                families += await NotifyAsync(school.Id, cls, step, today, children => new ShelterNoticePayload(step.Id, cls.Id, cls.Name.ToString(), children,
                    AllClear: true, time, number, nextText), c);
                done.Add(cls.Name.ToString());
            }

            await db.SaveChangesAsync(c);
            return new ShelterOutcome(done, skipped, families);
        }, ct);

    /// <summary>What happens next, as the families read it: "уроки тривають за розкладом", "з 5 уроку — онлайн (синхронно)".</summary>
    public static string NextText(AllClearNext next, int? onlineFrom) => next switch
    {
        AllClearNext.OnlineSync => $"з {onlineFrom} уроку навчання онлайн, синхронно — за розкладом дзвінків",
        AllClearNext.OnlineAsync => $"з {onlineFrom} уроку навчання онлайн, асинхронно — завдання для самостійної роботи",
        AllClearNext.EndDay => "навчання на сьогодні завершено",
        _ => "уроки тривають за розкладом",
    };

    private sealed record Loaded(School School, List<SchoolClass> Classes, DateOnly Today, int? LessonNumber);

    private async Task<Result<Loaded>> LoadAsync(Actor actor, Guid schoolId, IReadOnlyCollection<Guid>? classIds, CancellationToken ct, bool allClear = false)
    {
        if (actor.StaffId is null && !actor.IsSystem && !actor.Roles.CanCorrectAnyJournal()) return NotYours;
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null) return JournalErrors.NotFound("Школу");
        var local = SchoolTime.LocalNow(clock, school.TimeZone);
        var today = DateOnly.FromDateTime(local);
        var bells = await db.BellSlots.AsNoTracking().Where(b => b.SchoolId == schoolId).ToListAsync(ct);
        var number = BellNumber(bells, TimeOnly.FromDateTime(local));
        var year = (await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).ToListAsync(ct)).FirstOrDefault(y => y.Contains(today));
        if (year is null) return new DomainError("shelter.date", "Сьогодні не навчальний день цього навчального року.");
        var all = await db.Classes.AsNoTracking().Where(k => k.SchoolYearId == year.Id).ToListAsync(ct);
        List<SchoolClass> classes;
        if (actor.IsSystem || actor.Roles.CanCorrectAnyJournal())
        {
            classes = classIds is null ? all : all.Where(k => classIds.Contains(k.Id)).ToList();
            if (classes.Count == 0 || (classIds is not null && classes.Count != classIds.Distinct().Count()))
                return new DomainError("shelter.class", "Оберіть класи (або всю школу).");
        }
        else
        {
            // A teacher: only the class of the lesson they are teaching now.
            // At the all-clear also the teacher who took the class down (the bell may have rung in the shelter).
            if (classIds is not { Count: 1 }) return NotYours;
            var classId = classIds.First();
            var now = await LessonNowAsync(schoolId, actor.StaffId!.Value, ct);
            if (now.IsSuccess && now.Value!.Class.Id == classId) classes = [now.Value.Class];
            else if (allClear && (await InShelterAsync(schoolId, today, ct)).TryGetValue(classId, out var down) && down.CreatedById == actor.StaffId)
                classes = all.Where(k => k.Id == classId).ToList();
            else if (!now.IsSuccess && !allClear) return now.Error;
            else return NotYours;
            if (classes.Count == 0) return NotYours;
        }

        return new Loaded(school, classes.OrderBy(k => k.Grade).ThenBy(k => k.Letter, StringComparer.Ordinal).ToList(), today, number);
    }

    /// <summary>One urgent row per family of the class's students enrolled today, in the step's transaction.</summary>
    private async Task<int> NotifyAsync(Guid schoolId, SchoolClass cls, DayChange step, DateOnly today, Func<IReadOnlyList<Guid>, OutboxPayload> payload,
        CancellationToken ct)
    {
        var students = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == cls.Id && e.From <= today && (e.To == null || e.To >= today))
            .Select(e => e.StudentId).Distinct().ToListAsync(ct);
        if (students.Count == 0) return 0;
        var now = UtcNow;
        return await new OutboxWriter(db).ToFamiliesAsync(schoolId, students, step.Id, step.Kind == DayChangeKind.Shelter ? "in" : "out", payload, now, now, ct);
    }

    private void Audit(Actor actor, DayChange step, string after) =>
        db.Audit(actor, step.SchoolId, UtcNow, nameof(DayChange), step.Id, AuditAction.Created, null, after, $"укриття · {step.Date:dd.MM.yyyy}");
}
