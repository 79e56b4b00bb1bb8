namespace Bot.Host.Channels;

/// <summary>What every messenger adapter says when the conversation itself has nothing to say.</summary>
public static class ChannelTexts
{
    public const string TextOnly = "Я розумію лише текст і кнопки: фото, файли й голосові повідомлення бот не приймає і вчителям не передає. Напишіть текстом або надішліть /help, щоб побачити, що я вмію.";
    public const string SomethingWentWrong = "Вибачте, щось пішло не так. Спробуйте ще раз трохи згодом.";
}
