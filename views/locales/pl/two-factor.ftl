## Drugi krok logowania.

two-factor-title = Weryfikacja dwuskładnikowa
two-factor-heading = Witaj, { $name }! Potwierdź swoją tożsamość
two-factor-intro = Wpisz sześciocyfrowy kod z aplikacji uwierzytelniającej.
two-factor-code-label = Kod
two-factor-code-hint = Nie masz dostępu do urządzenia? Zamiast tego wpisz jeden z kodów odzyskiwania.
two-factor-submit = Zweryfikuj

## Konfiguracja (przy logowaniu, gdy jest wymagana, lub ze strony Bezpieczeństwo).

two-factor-enroll-title = Skonfiguruj uwierzytelnianie dwuskładnikowe
two-factor-enroll-heading = Skonfiguruj uwierzytelnianie dwuskładnikowe
two-factor-enroll-required = Twoja organizacja wymaga uwierzytelniania dwuskładnikowego. Skonfiguruj je, aby kontynuować.
two-factor-enroll-step-scan = 1. Zeskanuj ten kod QR aplikacją uwierzytelniającą (np. Google Authenticator, Microsoft Authenticator lub 1Password).
two-factor-enroll-qr-label = Kod QR dla aplikacji uwierzytelniającej
two-factor-enroll-secret-label = Nie możesz go zeskanować? Zamiast tego wpisz ten klucz:
two-factor-enroll-step-confirm = 2. Aby potwierdzić, wpisz sześciocyfrowy kod wyświetlany w aplikacji.
two-factor-enroll-submit = Włącz uwierzytelnianie dwuskładnikowe

## Kody odzyskiwania, wyświetlane jednokrotnie.

two-factor-codes-title = Twoje kody odzyskiwania
two-factor-codes-heading = Zapisz kody odzyskiwania
two-factor-codes-intro = Każdy kod umożliwia jednorazowe zalogowanie się, jeśli stracisz dostęp do aplikacji uwierzytelniającej. Przechowuj je w bezpiecznym miejscu: nie zostaną wyświetlone ponownie.
two-factor-codes-continue = Mam je zapisane, kontynuuj

## Błędy.

two-factor-error-invalid = Ten kod jest nieprawidłowy. Sprawdź ustawienia czasu na urządzeniu i spróbuj ponownie.
two-factor-error-replay = Ten kod został już użyty. Poczekaj na kolejny kod i spróbuj ponownie.
two-factor-error-expired = Logowanie trwało zbyt długo lub zostało już zakończone.
two-factor-error-setup-expired = Czas na konfigurację upłynął. Zeskanuj nowy kod QR poniżej, a następnie wpisz wyświetlony kod.
two-factor-error-csrf = Formularz wygasł. Spróbuj ponownie.
two-factor-error-unavailable = Weryfikacja dwuskładnikowa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.
two-factor-expired-heading = Zaloguj się ponownie
two-factor-expired-body = Ze względów bezpieczeństwa drugi krok logowania musi nastąpić w ciągu kilku minut od pierwszego.
two-factor-expired-link = Przejdź do logowania
two-factor-error-throttled = { $minutes ->
    [one] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minutę.
    [few] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minuty.
    [many] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minut.
   *[other] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minuty.
}
