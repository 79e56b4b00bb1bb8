using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace AdminPanel;

/// <summary>Model binding's own messages (a date that is not a date, a missing value) in Ukrainian.</summary>
internal static class UkrainianBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, _) => $"«{value}» — неправильне значення.");
        p.SetMissingBindRequiredValueAccessor(name => $"Потрібне значення поля «{name}».");
        p.SetMissingKeyOrValueAccessor(() => "Потрібне значення.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Запит порожній.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"«{value}» — неправильне значення.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Неправильне значення.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Тут має бути число.");
        p.SetUnknownValueIsInvalidAccessor(_ => "Неправильне значення.");
        p.SetValueIsInvalidAccessor(value => $"«{value}» — неправильне значення.");
        p.SetValueMustBeANumberAccessor(_ => "Тут має бути число.");
        p.SetValueMustNotBeNullAccessor(_ => "Потрібне значення.");
    }
}
