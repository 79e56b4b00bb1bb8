using Bot.Domain;
using Bot.Domain.Grading;

namespace Bot.Tests.Grading;

internal static class CellAssert
{
    public static MarkValue Mark(Result<CellValue> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return Assert.IsType<MarkCell>(result.Value).Value;
    }

    public static void Mark(string expectedText, Result<CellValue> result) =>
        Assert.Equal(expectedText, Mark(result).Text);

    public static AbsenceKind Absence(Result<CellValue> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return Assert.IsType<AbsenceCell>(result.Value).Kind;
    }

    /// <summary>Asserts a refusal with the code and returns its message.</summary>
    public static string Refused(string expectedCode, Result<CellValue> result)
    {
        Assert.False(result.IsSuccess, $"Expected {expectedCode}, got {result.Value}.");
        Assert.Equal(expectedCode, result.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        Assert.Null(result.Value);
        return result.Error.Message;
    }
}
