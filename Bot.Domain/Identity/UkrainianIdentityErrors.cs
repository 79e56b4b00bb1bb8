using Microsoft.AspNetCore.Identity;

namespace Bot.Domain.Identity;

/// <summary>Identity's error messages in Ukrainian, as the panel shows them next to the fields.</summary>
public sealed class UkrainianIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string text) => new() { Code = code, Description = text };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "Сталася помилка. Спробуйте ще раз.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Обліковий запис щойно змінили в іншому місці. Спробуйте ще раз.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Неправильний поточний пароль.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "Посилання недійсне або застаріле.");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "Цей вхід уже прив'язано до іншого облікового запису.");
    public override IdentityError InvalidUserName(string? userName) =>
        E(nameof(InvalidUserName), $"Логін «{userName}» недопустимий: лише латинські літери, цифри та знаки - . _ @.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"Адреса «{email}» недійсна.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Логін «{userName}» уже зайнятий.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"Адреса «{email}» уже використовується.");
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"Роль «{role}» недопустима.");
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"Роль «{role}» уже існує.");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "Пароль уже встановлено.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "Блокування для цього облікового запису вимкнено.");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"Користувач уже має роль «{role}».");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"Користувач не має ролі «{role}».");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Пароль має містити щонайменше {length} символів.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        E(nameof(PasswordRequiresUniqueChars), $"Пароль має містити щонайменше {uniqueChars} різні символи.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "Пароль має містити хоча б один символ, що не є літерою чи цифрою.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Пароль має містити хоча б одну цифру.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Пароль має містити хоча б одну малу літеру.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Пароль має містити хоча б одну велику літеру.");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "Код відновлення не підійшов.");
}
