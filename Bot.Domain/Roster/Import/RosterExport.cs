using System.Globalization;
using System.Text;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Bot.Domain.Roster.Import;

/// <summary>
/// The school's roster in the import's own format (<see cref="RosterColumns"/>), so a school can round-trip it: the
/// students in their classes today, in the journal's order (J-4), one row per student × guardian (one row with empty
/// guardian columns for a student without any). CSV with `;` and a UTF-8 BOM (Excel in Ukraine opens it directly), a cell
/// that looks like a formula (a phone "+380…" too) marked as text (<see cref="SpreadsheetCells"/>, which the import
/// removes again), or XLSX, where every cell is a string, never a formula.
/// </summary>
public sealed class RosterExport(JournalDbContext db, TimeProvider clock)
{
    public async Task<List<string[]>> RowsAsync(Guid schoolId, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var today = SchoolTime.Today(clock, school.TimeZone);
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == schoolId).ToListAsync(ct);
        var year = SchoolYears.Current(years, today) ?? years.Where(y => y.StartsOn > today).OrderBy(y => y.StartsOn).FirstOrDefault();
        if (year is null) return [];
        var on = today < year.StartsOn ? year.StartsOn : today;
        var classes = (await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct))
            .OrderBy(c => c.Name.SortKey, StringComparer.Ordinal).ToList();
        var list = await ClassList.LoadAsync(db, classes.Select(c => c.Id).ToList(), on, on, ct: ct);
        var studentIds = list.Select(e => e.StudentId).ToList();
        var students = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var guardians = (await db.GuardianStudents.AsNoTracking().Where(l => studentIds.Contains(l.StudentId))
                .Join(db.Guardians, l => l.GuardianId, g => g.Id, (l, g) => new { l.StudentId, l.Relation, Guardian = g }).ToListAsync(ct))
            .GroupBy(x => x.StudentId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Guardian.SortKey, StringComparer.Ordinal).ToList());

        var rows = new List<string[]>();
        foreach (var cls in classes)
        {
            foreach (var entry in list.Where(e => e.ClassId == cls.Id))
            {
                var s = students[entry.StudentId];
                string[] Row(string guardian, string phone, string relation) =>
                [
                    cls.Name.ToString(), s.LastName, s.FirstName, s.MiddleName ?? "", s.BirthDate?.ToString(RosterColumns.DateFormat, CultureInfo.InvariantCulture) ?? "",
                    s.Sex switch { Sex.Male => "ч", Sex.Female => "ж", _ => "" }, guardian, phone, relation,
                ];
                var own = guardians.GetValueOrDefault(s.Id);
                if (own is null || own.Count == 0) rows.Add(Row("", "", ""));
                else foreach (var g in own) rows.Add(Row(g.Guardian.FullName, g.Guardian.Phone ?? "", g.Relation));
            }
        }

        return rows;
    }

    public async Task WriteCsvAsync(Guid schoolId, Stream output, CancellationToken ct = default)
    {
        var rows = await RowsAsync(schoolId, ct);
        await SpreadsheetCells.WriteCsvAsync(output, RosterColumns.All, rows, ct);
    }

    public async Task WriteXlsxAsync(Guid schoolId, Stream output, CancellationToken ct = default)
    {
        var rows = await RowsAsync(schoolId, ct);
        var sheet = rows.Select(r => RosterColumns.All.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => (object)x.Item2)).ToList();
        if (sheet.Count == 0) sheet.Add(RosterColumns.All.ToDictionary(c => c, _ => (object)""));
        await MiniExcel.SaveAsAsync(output, sheet, sheetName: "Учні", excelType: ExcelType.XLSX, cancellationToken: ct);
    }
}
