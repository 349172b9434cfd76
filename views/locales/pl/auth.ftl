## Strona logowania.

signin-title = Logowanie
signin-heading = Zaloguj się do portalu { $name }
signin-intro = Użyj adresu e-mail i hasła swojego konta klienta.
signin-email-label = Adres e-mail
signin-password-label = Hasło
signin-submit = Zaloguj się

## Błędy logowania, wyświetlane w komunikacie nad formularzem.

signin-error-invalid-credentials = Nieprawidłowy adres e-mail lub hasło
signin-error-access-denied = Odmowa dostępu. Ten portal jest przeznaczony wyłącznie dla kont klientów; pracownicy MSP logują się do aplikacji MSP.
signin-error-missing-fields = Wpisz adres e-mail i hasło.
signin-error-csrf-failed = Formularz logowania wygasł. Spróbuj ponownie.
signin-error-unavailable = Logowanie jest chwilowo niedostępne. Spróbuj ponownie za chwilę.
signin-error-throttled = { $minutes ->
    [one] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minutę
    [few] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minuty
    [many] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minut
   *[other] Zbyt wiele nieudanych prób logowania, spróbuj ponownie za { $minutes } minuty
}
signin-error-sso-only = Twoja organizacja loguje się przez swojego dostawcę tożsamości: użyj przycisku powyżej.

## Komunikaty logowania, wyświetlane jako informacja nad formularzem.

signin-notice-signed-out = Wylogowano Cię.
signin-notice-session-expired = Twoja sesja wygasła. Zaloguj się ponownie.
