using Bot.Domain.Roster;

namespace Bot.Domain.Text;

/// <summary>
/// Words that agree with a person (ADR 0036): the form for a boy or a girl where the school recorded the child's sex, and
/// otherwise a wording that needs no gender ("Іваненко Олег: відсутність"), never "відсутній(я)".
/// </summary>
public static class UkrainianGrammar
{
    /// <summary><paramref name="male"/>, <paramref name="female"/>, or <paramref name="unknown"/> (a wording without gender).</summary>
    public static string BySex(Sex? sex, string male, string female, string unknown) => sex switch
    {
        Sex.Male => male,
        Sex.Female => female,
        _ => unknown,
    };

    /// <summary>"1 урок", "3 уроки", "5 уроків".</summary>
    public static string Count(int n, string one, string few, string many) => $"{n} {UkrainianText.Plural(n, one, few, many)}";
}
