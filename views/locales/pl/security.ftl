## Profil → Bezpieczeństwo.

security-title = Bezpieczeństwo
security-intro = Zarządzaj sposobem logowania i sesjami na swoich urządzeniach.
security-two-factor-heading = Uwierzytelnianie dwuskładnikowe
security-two-factor-on = Uwierzytelnianie dwuskładnikowe jest włączone od
security-two-factor-off = Uwierzytelnianie dwuskładnikowe jest wyłączone. Włącz je, aby samo skradzione hasło nie wystarczyło do zalogowania się na Twoje konto.
security-two-factor-codes-left = { $count ->
    [one] Masz { $count } niewykorzystany kod odzyskiwania.
    [few] Masz { $count } niewykorzystane kody odzyskiwania.
    [many] Masz { $count } niewykorzystanych kodów odzyskiwania.
   *[other] Masz { $count } niewykorzystanego kodu odzyskiwania.
}
security-two-factor-set-up = Skonfiguruj uwierzytelnianie dwuskładnikowe
security-two-factor-disable-heading = Wyłącz uwierzytelnianie dwuskładnikowe
security-two-factor-disable = Wyłącz uwierzytelnianie dwuskładnikowe
security-password-heading = Zmiana hasła
security-current-password = Obecne hasło
security-new-password = Nowe hasło
security-confirm-password = Powtórz nowe hasło
security-password-rules = Od 12 do 128 znaków. Kilka niepowiązanych ze sobą słów tworzy silne hasło; unikaj swojego imienia, nazwiska i adresu e-mail.
security-sign-out-others = Wyloguj moje pozostałe sesje
security-change-password = Zmień hasło
security-sessions-heading = Twoje aktywne sesje
security-sessions-intro = Na tych urządzeniach jest zalogowane Twoje konto. Jeśli któregoś nie rozpoznajesz, wyloguj je i zmień hasło.
security-session-device = Urządzenie
security-session-ip = Adres IP
security-session-method = Metoda logowania
security-session-signed-in = Zalogowano
security-session-last-active = Ostatnia aktywność
security-session-current = To urządzenie
security-session-revoke = Wyloguj
security-session-unknown = Nieznane
security-revoke-others-heading = Wyloguj ze wszystkich innych miejsc
security-revoke-others-proof = Potwierdź hasłem lub kodem uwierzytelniania dwuskładnikowego.
security-revoke-others = Wyloguj wszystkie pozostałe sesje
security-password-or-code = Hasło lub kod uwierzytelniania dwuskładnikowego
security-enroll-cancel = Anuluj
security-codes-back = Wróć do ustawień bezpieczeństwa
security-notice-password-changed = { $count ->
    [0] Hasło zostało zmienione.
    [one] Hasło zostało zmienione i wylogowano { $count } inną sesję.
    [few] Hasło zostało zmienione i wylogowano { $count } inne sesje.
    [many] Hasło zostało zmienione i wylogowano { $count } innych sesji.
   *[other] Hasło zostało zmienione i wylogowano { $count } innej sesji.
}
security-notice-two-factor-on = Uwierzytelnianie dwuskładnikowe jest teraz włączone.
security-notice-two-factor-off = Uwierzytelnianie dwuskładnikowe jest teraz wyłączone.
security-notice-session-revoked = Sesja została wylogowana.
security-notice-others-revoked = { $count ->
    [one] Wylogowano { $count } inną sesję.
    [few] Wylogowano { $count } inne sesje.
    [many] Wylogowano { $count } innych sesji.
   *[other] Wylogowano { $count } innej sesji.
}
security-error-wrong-password = Hasło jest nieprawidłowe.
security-error-mismatch = Nowe hasła nie są identyczne.
security-error-missing = Wpisz nowe hasło dwukrotnie.
security-error-too-short = Hasło musi mieć co najmniej 12 znaków.
security-error-too-long = Hasło może mieć najwyżej 128 znaków.
security-error-contains-email = Hasło nie może zawierać Twojego adresu e-mail.
security-error-contains-name = Hasło nie może zawierać Twojego imienia ani nazwiska.
security-error-too-weak = To hasło jest zbyt łatwe do odgadnięcia. Spróbuj użyć kilku niepowiązanych ze sobą słów.
security-error-needs-proof = Wpisz hasło lub aktualny kod uwierzytelniania dwuskładnikowego.
security-error-csrf = Formularz wygasł. Spróbuj ponownie.
security-error-unavailable = Ta funkcja jest chwilowo niedostępna. Spróbuj ponownie za chwilę.
security-error-throttled = { $minutes ->
    [one] Zbyt wiele błędnych haseł lub kodów, spróbuj ponownie za { $minutes } minutę.
    [few] Zbyt wiele błędnych haseł lub kodów, spróbuj ponownie za { $minutes } minuty.
    [many] Zbyt wiele błędnych haseł lub kodów, spróbuj ponownie za { $minutes } minut.
   *[other] Zbyt wiele błędnych haseł lub kodów, spróbuj ponownie za { $minutes } minuty.
}
security-method-password = Hasło
security-method-password-totp = Hasło i kod z aplikacji uwierzytelniającej
security-method-password-recovery = Hasło i kod odzyskiwania

## Metody logowania przez logowanie jednokrotne (SSO) i powiązane tożsamości.

security-method-oidc = Logowanie jednokrotne (SSO)
security-method-oidc-totp = Logowanie jednokrotne (SSO) i kod z aplikacji uwierzytelniającej
security-method-oidc-recovery = Logowanie jednokrotne (SSO) i kod odzyskiwania
security-identities-heading = Logowanie jednokrotne (SSO)
security-identities-intro = Te konta u dostawców tożsamości Twojej organizacji umożliwiają logowanie na to konto w portalu. Usunięcie konta sprawi, że nie będzie można się nim tutaj logować; ponowne zalogowanie się nim powiąże je znowu, jeśli jego adres e-mail będzie zgodny.
security-identity-provider = Dostawca
security-identity-email = E-mail u dostawcy
security-identity-linked = Powiązano
security-identity-last-used = Ostatnio użyte
security-identity-unlink = Usuń
security-notice-identity-unlinked = Tożsamość logowania jednokrotnego została usunięta z Twojego konta.
