using Bot.Domain.Grading;

namespace Bot.Domain.Demo;

/// <summary>
/// The marks a teacher would give a student: around the student's ability in the subject, on the grade's scale (M-1):
/// "сформовано" in grades 1–2, levels П/С/Д/В in 3–4, points 1–12 in 5–11; "зар" in PE for the special health group.
/// </summary>
internal static class MarkMaker
{
    public static string Current(DemoStudent student, DemoPage page, LessonKind kind, DemoRandom random)
    {
        var grade = page.Class.Grade;
        if (GradeScales.ForGrade(grade) == GradeScale.Verbal) return MarkValue.Formed.Text;
        if (student.PeCredited && page.Subject.Spec.Traits.IsPhysicalEducation) return MarkValue.Credited.Text;
        var bias = page.Subject.Spec.Key switch
        {
            "pe" => 1.6,
            "art" or "techn" or "trud" or "dt" => 1.2,
            _ => 0,
        } + (kind == LessonKind.Control ? -0.4 : 0) + (grade <= 4 ? 0.8 : 0);
        var points = Points(student, page, bias, kind == LessonKind.Control ? 1.5 : 1.2, random);
        return GradeScales.ForGrade(grade) == GradeScale.Levels ? Level(points) : points.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>"Зошит" at month end: a little above the student's usual level (M-3).</summary>
    public static string Notebook(DemoStudent student, DemoPage page, DemoRandom random) =>
        Points(student, page, 0.6, 0.9, random).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A semester mark for a student on individual study, who has only final marks (M-12).</summary>
    public static string Final(DemoStudent student, DemoPage page, DemoRandom random) =>
        Points(student, page, 0, 0.6, random).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Points(DemoStudent student, DemoPage page, double bias, double spread, DemoRandom random) =>
        (int)Math.Clamp(Math.Round(student.Ability + student.SubjectOffsets[page.Subject.Index] + bias + random.Normal(0, spread)), 1, 12);

    // Levels of grades 3–4 on the twelve-point scale's bands: 1–3 П, 4–6 С, 7–9 Д, 10–12 В.
    private static string Level(int points) => MarkValue.FromLevel((points + 2) / 3).Text;
}
