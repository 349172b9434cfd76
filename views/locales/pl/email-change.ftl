## Profil → Profil: karta „Adres e-mail” (zmiana adresu e-mail używanego do logowania).

email-change-heading = Adres e-mail
email-change-current = E-mail do logowania
email-change-intro = Tym adresem logujesz się do portalu i na ten adres Twój dostawca usług wysyła do Ciebie wiadomości. Aby go zmienić, wpisz nowy adres i obecne hasło: wyślemy link potwierdzający na nowy adres i powiadomimy o tym obecny. Nic się nie zmieni, dopóki nie otworzysz linku.
email-change-new-email = Nowy adres e-mail
email-change-current-password = Obecne hasło
email-change-submit = Wyślij link potwierdzający
email-change-sso-only = Logujesz się przez dostawcę tożsamości swojej organizacji, dlatego Twój adres jest zarządzany właśnie tam. Poproś o jego zmianę swój dział IT lub dostawcę usług.
email-change-pending = Link potwierdzający wysłano na adres { $email } — sprawdź skrzynkę odbiorczą. Link działa tylko raz, do { $when }. Do czasu jego otwarcia Twoim adresem do logowania pozostaje { $current }.
email-change-resend = Wyślij link ponownie
email-change-cancel = Anuluj zmianę
email-change-resent = Wysłaliśmy nowy link potwierdzający na adres { $email }; poprzedni już nie działa.
email-change-cancelled = Zmiana została anulowana; link potwierdzający już nie działa.
email-change-nothing-pending = Żadna zmiana nie czekała na potwierdzenie.
email-change-fix = Sprawdź formularz adresu e-mail; nic nie zostało zapisane ani wysłane.
email-change-error-missing = Wpisz nowy adres e-mail.
email-change-error-malformed = Wpisz adres e-mail, np. name@example.com.
email-change-error-same = To jest już Twój adres e-mail do logowania.
email-change-error-taken = Inny użytkownik tego portalu już loguje się tym adresem.
email-change-error-wrong-password = Hasło jest nieprawidłowe.
email-change-error-too-many = W ostatnim czasie wysłano zbyt wiele próśb o link potwierdzający. Spróbuj ponownie później.
email-change-error-no-password = Twoim adresem zarządza dostawca tożsamości; nie można go tutaj zmienić.
email-change-error-unavailable = Ta funkcja jest chwilowo niedostępna. Spróbuj ponownie za chwilę.

## Strony otwierane z linku potwierdzającego.

email-change-confirm-title = Potwierdź nowy adres e-mail
email-change-confirm-heading = Potwierdź nowy adres e-mail
email-change-confirm-body = Naciśnij przycisk, aby od teraz logować się do portalu klienta { $tenant } adresem { $email }. Twoje pozostałe sesje zostaną wylogowane.
email-change-confirm-submit = Potwierdź nowy adres e-mail
email-change-done-title = Adres e-mail zmieniony
email-change-done-heading = Twój adres e-mail został zmieniony
email-change-done-body = Od teraz loguj się adresem { $email }. Hasło i ustawienia uwierzytelniania dwuskładnikowego pozostają bez zmian; Twoje pozostałe sesje zostały wylogowane.
email-change-done-profile = Wróć do mojego profilu
email-change-done-sign-in = Zaloguj się
email-change-invalid-title = Nie można użyć tego linku
email-change-invalid-heading = Nie można użyć tego linku
email-change-invalid-body = Link potwierdzający wygasł, został już użyty, zastąpiony lub anulowany. Twój adres e-mail nie został zmieniony. O nowy link możesz poprosić w swoim profilu.
email-change-taken-title = Ten adres jest zajęty
email-change-taken-heading = Nie można użyć tego adresu
email-change-taken-body = Inny użytkownik tego portalu loguje się teraz adresem { $email }, dlatego Twój adres e-mail nie został zmieniony. Wybierz inny adres w swoim profilu.
email-change-to-profile = Przejdź do mojego profilu

## E-maile: link potwierdzający (na nowy adres) i powiadomienie (na obecny adres).

email-change-confirm-subject = Potwierdź nowy adres e-mail w portalu { $tenant }
email-change-confirm-intro = Ktoś (mamy nadzieję, że Ty) poprosił o to, by do logowania do portalu klienta { $tenant } używać tego adresu ({ $new }) zamiast { $old }.
email-change-confirm-action = Potwierdź nowy adres e-mail
email-change-confirm-expiry = Link działa tylko raz i wygasa { $when }. Dopóki nie zostanie użyty, nic się nie zmieni.
email-change-confirm-ignore = Jeśli ta prośba nie pochodzi od Ciebie, zignoruj tę wiadomość: adres nie zostanie zmieniony.
email-change-notice-subject = Złożono prośbę o nowy adres e-mail dla Twojego konta w portalu { $tenant }
email-change-notice-body = Dnia { $when } ktoś zalogowany na Twoje konto w portalu klienta { $tenant } poprosił o zmianę jego adresu e-mail z { $old } na { $new }. Na nowy adres wysłano link potwierdzający; nic się nie zmieni, jeśli nie zostanie on otwarty.
email-change-notice-ip = Prośba została wysłana z adresu IP { $ip }.
email-change-notice-not-you = Jeśli to nie Ty, zaloguj się, anuluj zmianę na stronie swojego profilu i od razu zmień hasło, a następnie poinformuj o tym firmę { $tenant }.
email-change-notice-action = Otwórz mój profil
