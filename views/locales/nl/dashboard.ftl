## Dashboard: de startpagina van de aangemelde klant.

dashboard-title = Dashboard
dashboard-welcome = Welkom, { $name }
dashboard-intro = Hier ziet u een overzicht van uw account.
dashboard-account-heading = Accountoverzicht
dashboard-account-name = Naam
dashboard-account-email = E-mail
dashboard-account-company = Bedrijf
dashboard-last-sign-in-heading = Laatste aanmelding
dashboard-last-sign-in-at = Uw vorige aanmelding was op { $time }.
dashboard-first-sign-in = Dit is uw eerste aanmelding.
dashboard-session-heading = Huidige sessie
dashboard-session-signed-in-at = Aangemeld op
dashboard-session-method = Aanmeldmethode
dashboard-method-password = E-mail en wachtwoord
dashboard-tickets-heading = Supporttickets
dashboard-tickets-open = { $count ->
    [one] Eén open ticket
   *[other] { $count } open tickets
}
dashboard-tickets-awaiting = { $count ->
    [0] geen wacht op uw antwoord
    [one] één wacht op uw antwoord
   *[other] { $count } wachten op uw antwoord
}
dashboard-tickets-recent = Recent bijgewerkt
dashboard-tickets-none = Nog geen tickets.
dashboard-tickets-all = Alle tickets bekijken

# Recente activiteit (de laatste gebeurtenissen van het bedrijf die de gebruiker mag zien).
dashboard-activity-heading = Recente activiteit
dashboard-activity-none = Er is nog niets gebeurd. Antwoorden, statuswijzigingen, facturen en projectnieuws verschijnen hier.
dashboard-activity-reply = { $author } heeft gereageerd op { $ticket }
dashboard-activity-status = { $ticket } is nu “{ $status }”
dashboard-activity-closed = { $ticket } is gesloten (“{ $status }”)
dashboard-activity-invoice = Factuur { $number } van { $total } opgemaakt
dashboard-activity-payment = Betaling van { $amount } ontvangen
dashboard-activity-payment-for = Betaling van { $amount } ontvangen voor { $number }
dashboard-activity-project = Project { $project } is nu “{ $status }”
dashboard-activity-joined = { $who } gebruikt nu het portaal
