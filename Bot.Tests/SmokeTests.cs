namespace Bot.Tests;

public class SmokeTests
{
    [Fact]
    public void Solution_Builds() => Assert.True(true);
}
