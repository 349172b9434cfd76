# Powiadomienia e-mail (odpowiedzi MSP, zamknięte zgłoszenia, nowe faktury, przyjęte zaproszenia),
# strony rezygnacji z subskrypcji i wybór powiadomień w profilu.

notify-reply-subject = Nowa odpowiedź w zgłoszeniu { $number }: { $title }
notify-replies-subject = { $count ->
    [one] Kolejna odpowiedź w zgłoszeniu { $number }: { $title }
    [few] { $count } kolejne odpowiedzi w zgłoszeniu { $number }: { $title }
    [many] { $count } kolejnych odpowiedzi w zgłoszeniu { $number }: { $title }
   *[other] Kolejne odpowiedzi ({ $count }) w zgłoszeniu { $number }: { $title }
}
notify-reply-intro = Firma { $tenant } odpowiedziała w Twoim zgłoszeniu { $number } „{ $title }”.
notify-replies-intro = { $count ->
    [one] Firma { $tenant } dodała kolejną odpowiedź w Twoim zgłoszeniu { $number } „{ $title }”.
    [few] Firma { $tenant } dodała { $count } kolejne odpowiedzi w Twoim zgłoszeniu { $number } „{ $title }”.
    [many] Firma { $tenant } dodała { $count } kolejnych odpowiedzi w Twoim zgłoszeniu { $number } „{ $title }”.
   *[other] Firma { $tenant } dodała kolejne odpowiedzi (liczba: { $count }) w Twoim zgłoszeniu { $number } „{ $title }”.
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = Możesz odpowiedzieć na stronie zgłoszenia albo odpisać na tę wiadomość, aby skontaktować się z działem pomocy technicznej.
notify-reply-action = Otwórz zgłoszenie
notify-closed-subject = Zgłoszenie { $number } zostało zamknięte: { $title }
notify-closed-body = Firma { $tenant } zamknęła Twoje zgłoszenie { $number } „{ $title }” { $when } (status: { $status }).
notify-closed-reopen = Jeśli problem nie został rozwiązany, przejdź do zgłoszenia i otwórz je ponownie albo odpowiedz na tę wiadomość.
notify-invoice-subject = Nowa faktura { $number } od firmy { $tenant }
notify-invoice-body = Firma { $tenant } wystawiła fakturę { $number } na kwotę { $total }.
notify-invoice-due = Termin płatności: { $due }.
notify-invoice-action = Zobacz fakturę
notify-accepted-subject = Nowy użytkownik portalu Twojej firmy: { $who }
notify-accepted-body = Zaproszenie zostało przyjęte: { $who } może teraz logować się do portalu klienta { $tenant }.
notify-accepted-action = Otwórz stronę tej osoby w ustawieniach firmy
notify-unsubscribe = Nie wysyłaj mi tych wiadomości

# Nazwy poszczególnych rodzajów (wybór w profilu, strony rezygnacji z subskrypcji).
notify-kind-ticket_reply = Odpowiedzi firmy { $tenant } w moich zgłoszeniach
notify-kind-ticket_closed = Zamknięcie moich zgłoszeń przez firmę { $tenant }
notify-kind-invoice_finalized = Nowe faktury
notify-kind-invitation_accepted = Dołączenie zaproszonych przeze mnie współpracowników

# Karta w profilu.
notify-card-title = Powiadomienia e-mail
notify-card-intro = Wybierz, o czym firma { $tenant } ma Cię powiadamiać e-mailem. Wiadomości dotyczące bezpieczeństwa (zmiany hasła, linki do logowania) są wysyłane zawsze.
notify-card-save = Zapisz wybór powiadomień
notify-saved = Twój wybór powiadomień został zapisany.
notify-card-none = Dla Twojej roli nie ma powiadomień e-mail.

# Strony rezygnacji z subskrypcji (bez logowania).
unsubscribe-title = Rezygnacja z subskrypcji
unsubscribe-confirm = Zrezygnować z wiadomości w kategorii: { $kind }?
unsubscribe-confirm-hint = Przestaną przychodzić tylko wiadomości tego rodzaju; możesz je ponownie włączyć w swoim profilu.
unsubscribe-button = Zrezygnuj z subskrypcji
unsubscribe-done = Nie będziesz już otrzymywać wiadomości w kategorii: { $kind }.
unsubscribe-done-hint = Zmieniasz zdanie? Zaloguj się i włącz je ponownie w sekcji Profil.
unsubscribe-invalid = Ten link do rezygnacji z subskrypcji jest nieprawidłowy. Zaloguj się i wybierz wiadomości w sekcji Profil.
unsubscribe-sign-in = Zaloguj się
