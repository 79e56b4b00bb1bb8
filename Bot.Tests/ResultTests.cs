using Bot.Domain;

namespace Bot.Tests;

public class ResultTests
{
    private static readonly DomainError Error = new("test.error", "Щось пішло не так.");

    [Fact]
    public void Ok_CarriesTheValue()
    {
        Result<int> result = 42;

        Assert.True(result.IsSuccess);
        Assert.Equal(42, result.Value);
        Assert.Null(result.Error);
        Assert.Equal(42, result.GetValueOrThrow());
    }

    [Fact]
    public void Fail_CarriesTheError_AndThrowsItOnDemand()
    {
        Result<string> result = Error;

        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Same(Error, result.Error);
        var exception = Assert.Throws<DomainException>(() => result.GetValueOrThrow());
        Assert.Same(Error, exception.Error);
        Assert.Equal("Щось пішло не так.", exception.Message);
    }
}
