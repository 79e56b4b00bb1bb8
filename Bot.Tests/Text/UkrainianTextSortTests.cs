using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Tests.Text;

/// <summary>
/// Sort keys: Ukrainian alphabetical order as plain ordinal order (J-4: class lists by surname).
/// А Б В Г Ґ Д Е Є Ж З И І Ї Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ь Ю Я
/// </summary>
public class UkrainianTextSortTests
{
    // Derived by hand, letter by letter, from the alphabet above:
    // Гончар (Г-о) < Гуменюк (Г-у) < Ґудзь (Ґ); Дмитренко (Д-м) < Дʼяченко (Д-я, apostrophe ignored);
    // Ейсмонт (Е) < Євтушенко (Є-в) < Ємець (Є-м); Кирилюк (К-и) < Кіщенко (К-і) < Коваль (К-о);
    // Мазур (М-а) < Мельник (М-е) < Мʼякота (М-я).
    private static readonly string[] ExpectedOrder =
    [
        "Андрієнко", "Бондаренко", "Вакуленко", "Гончар", "Гуменюк", "Ґудзь", "Дмитренко", "Дʼяченко",
        "Ейсмонт", "Євтушенко", "Ємець", "Жук", "Зінченко", "Іваненко", "Їжак", "Йосипенко",
        "Кирилюк", "Кіщенко", "Коваль", "Литвин", "Мазур", "Мельник", "Мʼякота", "Назаренко",
        "Олійник", "Петренко", "Руденко", "Савчук", "Тимошенко", "Усик", "Федорук", "Харченко",
        "Цибуля", "Чорновол", "Шевчук", "Щербак", "Юрченко", "Яковенко",
    ];

    [Fact]
    public void SortKey_RealisticSurnames_FollowTheUkrainianAlphabet()
    {
        var shuffled = ExpectedOrder.Reverse().OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.NotEqual(ExpectedOrder, shuffled);

        var byKey = shuffled.OrderBy(UkrainianText.SortKey, StringComparer.Ordinal).ToArray();
        var byComparer = shuffled.OrderBy(s => s, UkrainianText.Comparer).ToArray();

        Assert.Equal(ExpectedOrder, byKey);
        Assert.Equal(ExpectedOrder, byComparer);
    }

    [Fact]
    public void SortKey_GheWithUpturn_ComesRightAfterGhe()
    {
        Assert.True(UkrainianText.Compare("Гуменюк", "Ґава") < 0);
        Assert.True(UkrainianText.Compare("Ґудзь", "Дмитренко") < 0);
    }

    [Theory]
    [InlineData("Бондар Юлія", "Бондаренко Анна")]
    [InlineData("Іваненко Олег", "Іванова Анна")]
    [InlineData("Коваль Марія", "Коваль-Ярош Ігор")]
    [InlineData("Коваль", "Коваль Андрій")]
    [InlineData("Ткач Андрій", "Ткач Богдан")]
    public void SortKey_SeparatorBetweenNameParts_SortsBeforeAnyLetter(string first, string second)
    {
        Assert.True(UkrainianText.Compare(first, second) < 0, $"{first} < {second}");
        Assert.True(UkrainianText.Compare(second, first) > 0);
    }

    [Theory]
    [InlineData("Мʼякота", "М'якота")]
    [InlineData("Мʼякота", "М’якота")]
    [InlineData("Мʼякота", "М`якота")]
    [InlineData("Мʼякота", "Мякота")]
    [InlineData("Іваненко Олег", "ІВАНЕНКО  олег")]
    [InlineData("ґудзь", "ҐУДЗЬ")]
    [InlineData(" Жук ", "Жук")]
    public void SortKey_CaseApostrophesAndSpacing_DoNotMatter(string a, string b)
    {
        Assert.Equal(UkrainianText.SortKey(a), UkrainianText.SortKey(b));
        Assert.Equal(0, UkrainianText.Compare(a, b));
    }

    [Theory]
    [InlineData("Мʼякота", "Мякуш")]     // м-я-к-о < м-я-к-у: the apostrophe takes no place
    [InlineData("Пʼятак", "Пятницький")]
    [InlineData("Дʼяк", "Дяченко")]
    public void SortKey_Apostrophe_IsIgnoredRatherThanOrdered(string first, string second)
    {
        Assert.True(UkrainianText.Compare(first, second) < 0, $"{first} < {second}");
    }

    [Fact]
    public void SortKey_IsAsciiOnly()
    {
        var key = UkrainianText.SortKey("Ґудзь-Мʼякота Їжак Єва ёжик ЫЭЪ Smith 123 Ł");

        Assert.All(key, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void SortKey_LatinNamesFollowCyrillic_DigitsPrecedeLetters()
    {
        string[] expected = ["Клас 1", "Клас А", "Яковенко", "Smith John", "Łukasz"];

        var sorted = expected.Reverse().OrderBy(s => s, UkrainianText.Comparer).ToArray();

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void SortKey_LatinLookalikeInsideCyrillicWord_SortsAsCyrillic()
    {
        // "Iваненко" was typed with a Latin I: it belongs between Зінченко and Їжак.
        string[] expected = ["Зінченко", "Iваненко", "Їжак"];

        Assert.Equal(expected, expected.Reverse().OrderBy(s => s, UkrainianText.Comparer).ToArray());
        Assert.Equal(UkrainianText.SortKey("Іваненко"), UkrainianText.SortKey("Iваненко"));
    }

    [Fact]
    public void SortKey_RussianLetters_TakeTheirRussianPlaces()
    {
        // ё after е, ы after щ (and before ь), э after ь and before ю.
        string[] expected = ["Ежов", "Ёлкин", "Євтушенко", "Щербак", "Ыхов", "Ьо", "Эрдман", "Юрченко"];

        Assert.Equal(expected, expected.Reverse().OrderBy(s => s, UkrainianText.Comparer).ToArray());
    }

    [Fact]
    public void SortKey_Encoding_IsStable()
    {
        // Keys are stored in the database: if this changes, every stored key must be recomputed.
        // ґ='>' у='R' д='?' з='D' ь='['; separator ' '; ї='G' ж='C' а=':' к='I'.
        Assert.Equal(">R?D[ GC:I", UkrainianText.SortKey("Ґудзь Їжак"));
    }

    [Fact]
    public void SortKey_DoesNotDependOnCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "tr-TR", "uk-UA", "ru-RU" })
            {
                try
                {
                    CultureInfo.CurrentCulture = new CultureInfo(name);
                }
                catch (CultureNotFoundException)
                {
                    continue;   // InvariantGlobalization: only the invariant culture exists
                }
                Assert.Equal(">R?D[ GC:I", UkrainianText.SortKey("ҐУДЗЬ їжак"));
                Assert.Equal("іваненко", UkrainianText.SearchKey("IВАНЕНКО"));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void SortKey_EmptyAndPunctuationOnly_GiveEmptyKey()
    {
        Assert.Equal("", UkrainianText.SortKey(""));
        Assert.Equal("", UkrainianText.SortKey(" - ' "));
        Assert.True(UkrainianText.Compare("", "А") < 0);
    }
}
