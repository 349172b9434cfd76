## Wspólne dla formularzy wysyłających e-mail.

recovery-email-label = Adres e-mail
recovery-back-to-sign-in = Wróć do logowania
recovery-forgot-link = Nie pamiętasz hasła?
recovery-error-csrf = Ten formularz wygasł. Spróbuj ponownie.
recovery-error-email-missing = Wpisz swój adres e-mail.
recovery-error-too-many = Zbyt wiele żądań dla tego adresu lub z tej sieci. Spróbuj ponownie później.
recovery-error-unavailable = Ta funkcja jest chwilowo niedostępna. Spróbuj ponownie za chwilę.

## Nie pamiętam hasła: prośba o link do resetowania.

forgot-title = Zresetuj hasło
forgot-heading = Zresetuj hasło
forgot-intro = Wpisz adres e-mail swojego konta w portalu klienta { $name }. Wyślemy Ci e-mailem link do ustawienia nowego hasła.
forgot-submit = Wyślij mi link do resetowania
forgot-sent-title = Sprawdź skrzynkę e-mail
forgot-sent-heading = Sprawdź skrzynkę e-mail
forgot-sent-body = Jeśli ten adres należy do konta w tym portalu, wysłaliśmy na niego link do ustawienia nowego hasła. Link działa tylko raz i wygasa po { $minutes } min.
forgot-sent-help = Po kilku minutach nadal nic nie ma? Sprawdź folder ze spamem, upewnij się, że wpisano adres przypisany do Twojego konta, lub zwróć się do swojego dostawcy usług.

## Ustawianie nowego hasła z linku do resetowania.

reset-title = Ustaw nowe hasło
reset-heading = Ustaw nowe hasło do portalu { $name }
reset-intro = Nowe hasło zastąpi dotychczasowe, a wszystkie sesje Twojego konta zostaną wylogowane.
reset-password-label = Nowe hasło
reset-confirm-label = Powtórz nowe hasło
reset-hint = Co najmniej 12 znaków. Kilka niepowiązanych ze sobą słów tworzy silne hasło, które łatwo zapamiętać.
reset-submit = Ustaw nowe hasło
reset-done-title = Hasło zmienione
reset-done-heading = Hasło zostało zmienione
reset-done-body = Nowe hasło zostało ustawione, a wszystkie sesje Twojego konta zostały wylogowane. Zaloguj się, używając nowego hasła.
reset-done-sign-in = Zaloguj się
reset-invalid-title = Nie można użyć tego linku
reset-invalid-heading = Nie można użyć tego linku
reset-invalid-body = Link do resetowania hasła wygasł, został już użyty lub zastąpiono go nowszym. Aby kontynuować, poproś o nowy link.
reset-invalid-action = Poproś o nowy link

## Dlaczego nowe hasło zostało odrzucone.


## Znajdź swoją organizację: strona logowania bez wskazanej organizacji.

find-org-title = Znajdź swoją organizację
find-org-heading = Znajdź portal swojej organizacji
find-org-intro = Aby się zalogować, użyj linku do portalu otrzymanego od swojego dostawcy usług. Nie możesz go znaleźć? Wpisz swój adres e-mail, a wyślemy Ci linki do logowania we wszystkich organizacjach, w których masz konto w portalu klienta.
find-org-submit = Wyślij mi linki do logowania
find-org-help = Możesz też poprosić swojego dostawcę usług o ponowne przesłanie linku do portalu.
find-org-sent-title = Sprawdź skrzynkę e-mail
find-org-sent-heading = Sprawdź skrzynkę e-mail
find-org-sent-body = Jeśli z tym adresem są powiązane konta w portalu klienta, wysłaliśmy na niego linki do logowania.
