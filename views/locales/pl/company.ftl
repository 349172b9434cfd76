## Ustawienia firmy (administratorzy po stronie klienta).

company-title = Firma
company-heading = { $company }
company-intro = Użytkownicy portalu z Twojej firmy, ich aktywne sesje i ostatnie logowania.
company-users-heading = Użytkownicy portalu
company-user-name = Imię i nazwisko
company-user-email = E-mail
company-user-role = Rola
company-user-two-factor = 2FA
company-user-last-sign-in = Ostatnie logowanie
company-user-sessions = Aktywne sesje
company-role-admin = Administrator
company-role-finance = Finanse
company-role-user = Użytkownik
company-inactive = Nieaktywne
company-yes = Włączone
company-no = Wyłączone
company-never = Nigdy
company-sign-out-user = Wyloguj ze wszystkich urządzeń
company-sessions-heading = Aktywne sesje
company-sessions-none = Nikt z Twojej firmy nie jest teraz zalogowany.
company-session-user = Użytkownik
company-session-device = Urządzenie
company-session-ip = Adres IP
company-session-method = Metoda logowania
company-session-last-active = Ostatnia aktywność
company-session-revoke = Wyloguj
company-session-yours = Ty (ta sesja)
company-events-heading = Ostatnie logowania i zmiany kont
company-events-none = Nie było jeszcze żadnych logowań.
company-event-time = Kiedy
company-event-who = E-mail
company-event-outcome = Wynik
company-event-ip = Adres IP
company-outcome-success = Zalogowano
company-outcome-failure = Niepowodzenie
company-outcome-second-factor = Hasło poprawne, wymagany drugi składnik
company-notice-session = Sesja została wylogowana.
company-notice-user = { $count ->
    [one] Wylogowano { $count } sesję.
    [few] Wylogowano { $count } sesje.
    [many] Wylogowano { $count } sesji.
   *[other] Wylogowano { $count } sesji.
}
company-unknown = Nieznane
company-manage-user = Zarządzaj
company-event-two-factor = Zmieniono wymóg uwierzytelniania dwuskładnikowego
company-two-factor-heading = Uwierzytelnianie dwuskładnikowe dla wszystkich
company-two-factor-require = Wymagaj uwierzytelniania dwuskładnikowego od wszystkich osób z Twojej firmy
company-two-factor-hint = Osoby, które go nie używają, skonfigurują je przy następnym logowaniu. Nie dotyczy to osób, które już z niego korzystają.
company-two-factor-save = Zapisz
company-notice-two-factor = Zapisano: wymóg uwierzytelniania dwuskładnikowego obowiązuje każdą osobę od jej następnego logowania.
company-event-role-changed = Rola zmieniona przez administratora
company-event-deactivated = Konto dezaktywowane przez administratora
company-event-reactivated = Konto ponownie aktywowane przez administratora
company-event-reset-sent = Link do resetowania hasła wysłany przez administratora
company-event-signed-out = Sesja została wylogowana
company-event-profile-updated = Profil zaktualizowany

## Jeden użytkownik portalu z firmy.

member-back = ← Wszyscy użytkownicy portalu
member-facts-heading = Konto
member-email = E-mail
member-status = Status
member-active = Aktywne
member-inactive = Dezaktywowane
member-two-factor = Uwierzytelnianie dwuskładnikowe
member-last-sign-in = Ostatnie logowanie
member-sessions = Aktywne sesje
member-role-heading = Rola
member-role-legend = Co ta osoba może robić w portalu
member-role-admin-hint = Wszystko, łącznie z zarządzaniem użytkownikami portalu i ustawieniami Twojej firmy.
member-role-finance-hint = Faktury, płatności i zużycie, a także zgłoszenia serwisowe i projekty.
member-role-user-hint = Zgłoszenia serwisowe i projekty; bez rozliczeń i ustawień firmy.
member-role-save = Zapisz rolę
member-access-heading = Dostęp
member-deactivate-hint = Dezaktywowana osoba zostaje natychmiast wylogowana i nie może się zalogować, dopóki jej konto nie zostanie ponownie aktywowane. Jej zgłoszenia i historia pozostają.
member-deactivate = Dezaktywuj
member-reactivate-hint = Konto tej osoby jest dezaktywowane i nie może się ona zalogować.
member-reactivate = Aktywuj ponownie
member-you-hint = To Ty: jeśli zrezygnujesz z roli administratora, natychmiast stracisz dostęp do ustawień firmy.
member-notice-role = Rola została zmieniona. Obowiązuje od następnej strony otwartej przez tę osobę.
member-notice-deactivated = Dezaktywowano: ta osoba została wylogowana ze wszystkich urządzeń.
member-notice-reactivated = Aktywowano ponownie: ta osoba może się znowu zalogować.
member-notice-unchanged = Nic się nie zmieniło.
member-error-last-admin = Twoja firma potrzebuje co najmniej jednego aktywnego administratora, a to jest jedyny. Najpierw nadaj rolę administratora innej osobie.
member-error-conflict = W tym samym momencie ktoś inny zmienił rolę tej osoby. Sprawdź ją ponownie i spróbuj jeszcze raz.
member-error-bad-role = Wybierz jedną z trzech ról.
member-reset-heading = Hasło
member-reset-hint = Wyślij na adres { $email } link do ustawienia nowego hasła. Obecne hasło tej osoby działa, dopóki nie użyje ona linku.
member-reset = Wyślij link do resetowania hasła
member-notice-reset = Link do resetowania hasła został wysłany.
member-error-inactive = Konto tej osoby jest dezaktywowane: najpierw aktywuj je ponownie.

## Dane firmy w ustawieniach firmy.

company-details-heading = Dane firmy
company-details-kept = Te dane prowadzi Twój dostawca usług. Coś jest nieaktualne? Poinformuj go, a wprowadzi poprawki.
company-details-edit-hint = Twój dostawca usług jest powiadamiany o każdej zmianie.
company-details-phone = Telefon
company-details-email = E-mail
company-details-website = Strona internetowa
company-details-address = Adres do faktur
company-details-line1 = Ulica i numer
company-details-line2 = Adres – wiersz 2
company-details-postal-code = Kod pocztowy
company-details-city = Miejscowość
company-details-region = Województwo lub region
company-details-country = Kraj
company-details-save = Zapisz dane firmy
company-details-not-on-file = Brak danych
company-details-error-phone = Ten numer telefonu jest za długi lub zawiera niedozwolone znaki.
company-details-error-email = Wpisz adres e-mail, np. accounts@example.com.
company-details-error-website = Wpisz adres strony, np. https://www.example.com.
company-details-error-line = Ten wiersz jest za długi lub zawiera niedozwolone znaki.
company-notice-details = Dane firmy zostały zapisane, a Twój dostawca usług został o tym powiadomiony.
company-notice-details-unchanged = W danych firmy nic się nie zmieniło.
company-event-company-updated = Zmieniono dane firmy
