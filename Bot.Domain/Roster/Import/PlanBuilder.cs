using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;

namespace Bot.Domain.Roster.Import;

/// <summary>
/// Gathers the good rows into students (one per class, name and birth date) with their guardians, matches them with
/// the school's roster, finds the rows that contradict each other or the roster, and then decides — once, for the
/// preview and the commit alike — what is created and what changes.
/// </summary>
internal sealed class PlanBuilder(RosterImportService.SchoolRoster state, SchoolYear year, DateOnly today)
{
    private sealed class FileStudent(ImportRow first)
    {
        public ImportRow First { get; } = first;
        public string ClassName { get; } = first.Class.ToString();
        public Sex? Sex { get; set; } = first.Sex;
        public int SexLine { get; set; } = first.Line;
        public List<(ImportGuardian Guardian, int Line)> Guardians { get; } = [];
        public Student? Existing { get; set; }
    }

    private readonly List<FileStudent> _students = [];
    private readonly Dictionary<(string Class, string Name, DateOnly Birth), FileStudent> _byKey = [];
    private readonly List<Action<JournalDbContext, Actor, DateTime>> _actions = [];
    private readonly List<string> _changes = [];

    public void Add(ImportRow row, List<ImportProblem> problems)
    {
        var name = RosterImportService.NameKey(row.LastName, row.FirstName, row.MiddleName);
        var key = (row.Class.ToString(), name, row.BirthDate);
        var reasons = new List<string>();
        if (_byKey.TryGetValue(key, out var student))
        {
            if (row.Sex is { } sex && student.Sex is { } known && sex != known)
                reasons.Add($"стать відрізняється від рядка {student.SexLine}");
            else if (row.Sex is not null && student.Sex is null)
            {
                student.Sex = row.Sex;
                student.SexLine = row.Line;
            }
        }
        else
        {
            student = new FileStudent(row);
            if (state.Students.TryGetValue((name, row.BirthDate), out var matches))
            {
                var same = matches.FirstOrDefault(m => state.Classes.TryGetValue(student.ClassName, out var c) && c.Id == m.ClassId);
                if (same.Student is not null) student.Existing = same.Student;
                else
                {
                    var other = state.Classes.Values.FirstOrDefault(c => c.Id == matches[0].ClassId)?.Name.ToString() ?? "іншому класі";
                    reasons.Add($"учень з таким ім'ям і датою народження вже навчається в {other}: переведення записують на сторінці учня");
                }
            }
        }

        if (row.Guardian is { } g)
        {
            var gKey = RosterImportService.NameKey(g.LastName, g.FirstName, g.MiddleName);
            var twice = student.Guardians.FirstOrDefault(x => RosterImportService.NameKey(x.Guardian.LastName, x.Guardian.FirstName, x.Guardian.MiddleName) == gKey);
            if (twice.Guardian is not null) reasons.Add($"батьки «{g.FullName}» цього учня вже вказані в рядку {twice.Line}");
        }

        if (reasons.Count > 0)
        {
            problems.Add(new ImportProblem(row.Line, $"{row.LastName} {row.FirstName}", reasons));
            return;
        }

        if (!_byKey.ContainsKey(key))
        {
            _byKey[key] = student;
            _students.Add(student);
        }

        if (row.Guardian is { } guardian) student.Guardians.Add((guardian, row.Line));
    }

    public ImportPlan Result(IReadOnlyList<ImportProblem> problems, int rows)
    {
        var newClasses = _students.Select(s => s.ClassName).Distinct().Where(c => !state.Classes.ContainsKey(c))
            .OrderBy(c => ClassName.Parse(c).Value.SortKey, StringComparer.Ordinal).ToList();
        int newStudents = 0, updated = 0, unchanged = 0, newGuardians = 0, updatedGuardians = 0;
        var classes = new Dictionary<string, SchoolClass>(state.Classes);
        foreach (var name in newClasses)
        {
            var cls = new SchoolClass(state.School.Id, year.Id, ClassName.Parse(name).Value);
            classes[name] = cls;
            _actions.Add((db, _, _) => db.Classes.Add(cls));
        }

        var createdGuardians = new Dictionary<(string, string?), Guardian>();
        foreach (var byClass in _students.GroupBy(s => s.ClassName))
        {
            var cls = classes[byClass.Key];
            var hasList = state.ClassesWithList.Contains(cls.Id);
            var arrivals = byClass.Where(s => s.Existing is null).Select(s => (File: s, Entity: new Student(state.School.Id, s.First.LastName, s.First.FirstName,
                    s.First.MiddleName, s.First.BirthDate, s.Sex)))
                .OrderBy(x => x.Entity.SortKey, StringComparer.Ordinal).ToList();
            var from = !hasList || today < year.StartsOn ? year.StartsOn : today > year.EndsOn ? year.EndsOn : today;
            var midYear = hasList && from > year.Semester1Start;
            var position = state.LastPosition.GetValueOrDefault(cls.Id);
            foreach (var (file, entity) in arrivals)
            {
                newStudents++;
                var enrolment = new Enrolment(state.School.Id, entity.Id, cls.Id, from, midYear ? ++position : 0, midYear);
                _actions.Add((db, actor, now) =>
                {
                    db.Students.Add(entity);
                    db.Enrolments.Add(enrolment);
                    Audit(db, actor, now, nameof(Enrolment), enrolment.Id, null, $"зараховано до {cls.Name} з {from:dd.MM.yyyy} (імпорт)", entity.FullName);
                });
                foreach (var (g, _) in file.Guardians) newGuardians += LinkNew(entity, g, createdGuardians);
            }

            foreach (var file in byClass.Where(s => s.Existing is not null))
            {
                var student = file.Existing!;
                var changed = false;
                if (file.Sex is { } sex && student.Sex != sex)
                {
                    changed = true;
                    Change($"{student.FullName}: стать {SexTitle(student.Sex)} → {SexTitle(sex)}");
                    var before = SexTitle(student.Sex);
                    _actions.Add((db, actor, now) =>
                    {
                        student.SetSex(sex);
                        Audit(db, actor, now, nameof(Student), student.Id, before, SexTitle(sex), student.FullName);
                    });
                }

                var known = state.GuardiansOf.GetValueOrDefault(student.Id) ?? [];
                foreach (var (g, _) in file.Guardians)
                {
                    var key = RosterImportService.NameKey(g.LastName, g.FirstName, g.MiddleName);
                    var match = known.FirstOrDefault(k => RosterImportService.NameKey(k.Guardian.LastName, k.Guardian.FirstName, k.Guardian.MiddleName) == key);
                    if (match.Guardian is null)
                    {
                        changed = true;
                        newGuardians += LinkNew(student, g, createdGuardians);
                        Change($"{student.FullName}: додано {g.Relation} {g.FullName}");
                        continue;
                    }

                    var phoneChanges = g.Phone is not null && g.Phone != match.Guardian.Phone;
                    var relationChanges = g.Relation != match.Link.Relation;
                    if (!phoneChanges && !relationChanges) continue;
                    changed = true;
                    updatedGuardians++;
                    var before = $"{match.Link.Relation}, {match.Guardian.Phone ?? "без телефону"}";
                    var after = $"{g.Relation}, {(phoneChanges ? g.Phone : match.Guardian.Phone) ?? "без телефону"}";
                    Change($"{match.Guardian.FullName} ({student.LastName} {student.FirstName}): {before} → {after}");
                    _actions.Add((db, actor, now) =>
                    {
                        if (phoneChanges) match.Guardian.ChangePhone(g.Phone);
                        if (relationChanges) match.Link.ChangeRelation(g.Relation);
                        Audit(db, actor, now, nameof(Guardian), match.Guardian.Id, before, after, match.Guardian.FullName);
                    });
                }

                if (changed) updated++;
                else unchanged++;
            }
        }

        return new ImportPlan(null, problems, rows, newClasses, newStudents, updated, unchanged, newGuardians, updatedGuardians, _changes);
    }

    public void Apply(JournalDbContext db, Actor actor, DateTime now)
    {
        foreach (var action in _actions) action(db, actor, now);
    }

    /// <summary>Links a guardian to a student: the same person (name and phone) already in the school or in this file is reused.</summary>
    private int LinkNew(Student student, ImportGuardian g, Dictionary<(string, string?), Guardian> created)
    {
        var key = (RosterImportService.NameKey(g.LastName, g.FirstName, g.MiddleName), g.Phone);
        var isNew = false;
        if (!state.Guardians.TryGetValue(key, out var guardian) && !created.TryGetValue(key, out guardian))
        {
            guardian = new Guardian(state.School.Id, g.LastName, g.FirstName, g.MiddleName, g.Phone);
            created[key] = guardian;
            isNew = true;
        }

        var entity = guardian;
        var link = new GuardianStudent(entity.Id, student.Id, g.Relation);
        _actions.Add((db, actor, now) =>
        {
            if (isNew)
            {
                db.Guardians.Add(entity);
                Audit(db, actor, now, nameof(Guardian), entity.Id, null, $"{g.Relation}: {entity.FullName}, {entity.Phone ?? "без телефону"} (імпорт)", student.FullName);
            }

            db.GuardianStudents.Add(link);
        });
        return isNew ? 1 : 0;
    }

    private void Change(string text)
    {
        if (_changes.Count < 200) _changes.Add(text);
    }

    private static string SexTitle(Sex? sex) => sex switch { Sex.Male => "ч", Sex.Female => "ж", _ => "не вказано" };

    private void Audit(JournalDbContext db, Actor actor, DateTime now, string type, Guid id, string? before, string after, string context) =>
        db.Audit(new AuditRecord(state.School.Id, now, actor.StaffId, actor.Name, actor.Channel, type, id,
            before is null ? AuditAction.Created : AuditAction.Changed, before, after, null, context));
}
