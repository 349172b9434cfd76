## Pulpit: strona startowa zalogowanego klienta.

dashboard-title = Pulpit
dashboard-welcome = Witaj, { $name }
dashboard-intro = Oto przegląd Twojego konta.
dashboard-account-heading = Przegląd konta
dashboard-account-name = Imię i nazwisko
dashboard-account-email = E-mail
dashboard-account-company = Firma
dashboard-last-sign-in-heading = Ostatnie logowanie
dashboard-last-sign-in-at = Poprzednie logowanie: { $time }.
dashboard-first-sign-in = To Twoje pierwsze logowanie.
dashboard-session-heading = Bieżąca sesja
dashboard-session-signed-in-at = Zalogowano
dashboard-session-method = Metoda logowania
dashboard-method-password = E-mail i hasło
dashboard-tickets-heading = Zgłoszenia serwisowe
dashboard-tickets-open = { $count ->
    [one] Jedno otwarte zgłoszenie
    [few] { $count } otwarte zgłoszenia
    [many] { $count } otwartych zgłoszeń
   *[other] { $count } otwartego zgłoszenia
}
dashboard-tickets-awaiting = { $count ->
    [0] żadne nie czeka na Twoją odpowiedź
    [one] jedno czeka na Twoją odpowiedź
    [few] { $count } czekają na Twoją odpowiedź
    [many] { $count } czeka na Twoją odpowiedź
   *[other] { $count } czeka na Twoją odpowiedź
}
dashboard-tickets-recent = Ostatnio zaktualizowane
dashboard-tickets-none = Nie ma jeszcze żadnych zgłoszeń.
dashboard-tickets-all = Zobacz wszystkie zgłoszenia

# Ostatnia aktywność (najnowsze zdarzenia firmy, które użytkownik może zobaczyć).
dashboard-activity-heading = Ostatnia aktywność
dashboard-activity-none = Na razie nic się nie wydarzyło. Tutaj pojawią się odpowiedzi, zmiany statusu, faktury i wiadomości o projektach.
dashboard-activity-reply = Nowa odpowiedź w zgłoszeniu { $ticket } – autor: { $author }
dashboard-activity-status = Zgłoszenie { $ticket } ma teraz status „{ $status }”
dashboard-activity-closed = Zgłoszenie { $ticket } zostało zamknięte („{ $status }”)
dashboard-activity-invoice = Wystawiono fakturę { $number } na kwotę { $total }
dashboard-activity-payment = Otrzymano płatność w wysokości { $amount }
dashboard-activity-payment-for = Otrzymano płatność w wysokości { $amount } za fakturę { $number }
dashboard-activity-project = Projekt { $project } ma teraz status „{ $status }”
dashboard-activity-joined = Nowy użytkownik portalu: { $who }
