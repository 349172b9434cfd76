## Konfiguracja konta z zaproszenia.

setup-title = Skonfiguruj konto
setup-heading = Skonfiguruj swoje konto w portalu { $name }
setup-who = Konfigurujesz konto w portalu dla: { $name } ({ $email }), firma: { $company }.
setup-role-admin = Będziesz administratorem portalu swojej firmy.
setup-role-finance = Będziesz zajmować się w portalu rozliczeniami swojej firmy.
setup-submit = Ustaw hasło i zaloguj się
setup-expired-heading = To zaproszenie wygasło
setup-expired-body = Linki z zaproszeniami działają przez ograniczony czas. Poproś poniżej o nowy, a zostanie wysłany na adres e-mail, na który wysłano zaproszenie.
setup-used-heading = To zaproszenie zostało już wykorzystane
setup-used-body = Konto zostało już skonfigurowane. Zaloguj się, używając adresu e-mail i hasła, lub zresetuj hasło, jeśli go nie pamiętasz.
setup-invalid-heading = Ten link z zaproszeniem nie działa
setup-invalid-body = Link jest niekompletny lub został zastąpiony nowszym zaproszeniem. Użyj najnowszego e-maila z zaproszeniem lub poproś administratora portalu w swojej firmie o ponowne zaproszenie.
setup-request-new = Wyślij mi nowe zaproszenie
setup-requested = Jeśli zaproszenie można odnowić, nowy link zostanie wysłany na adres e-mail, na który wysłano zaproszenie.
setup-sign-in = Przejdź do logowania

## Sekcja zaproszeń na stronie firmy.

setup-invite-heading = Zaproś osoby
setup-invite-intro = Osoby kontaktowe z Twojej firmy, które nie mają jeszcze konta w portalu. Zaproszenie wysyła im e-mailem link do ustawienia hasła; link działa tylko raz.
setup-invite-none = Każda osoba kontaktowa z Twojej firmy ma konto w portalu.
setup-invite-pending = Zaproszono, link ważny do
setup-invite-send = Zaproś
setup-invite-resend = Wyślij nowy link
setup-invite-sent = Zaproszenie zostało wysłane na adres { $email }.
setup-invite-name = Imię i nazwisko
setup-invite-email = E-mail
setup-invite-status = Status
setup-invite-not-invited = Nie zaproszono
