# Meldingsmails (antwoorden van de MSP, gesloten tickets, nieuwe facturen, aanvaarde uitnodigingen), de
# uitschrijfpagina's en de meldingsvoorkeuren in het profiel.

notify-reply-subject = Nieuw antwoord op ticket { $number }: { $title }
notify-replies-subject = { $count ->
    [one] Nog één antwoord op ticket { $number }: { $title }
   *[other] Nog { $count } antwoorden op ticket { $number }: { $title }
}
notify-reply-intro = { $tenant } heeft gereageerd op uw ticket { $number } “{ $title }”.
notify-replies-intro = { $count ->
    [one] { $tenant } heeft nog één antwoord toegevoegd aan uw ticket { $number } “{ $title }”.
   *[other] { $tenant } heeft nog { $count } antwoorden toegevoegd aan uw ticket { $number } “{ $title }”.
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = U kunt reageren op de pagina van het ticket, of deze e-mail beantwoorden om de helpdesk te bereiken.
notify-reply-action = Ticket openen
notify-closed-subject = Ticket { $number } is gesloten: { $title }
notify-closed-body = { $tenant } heeft uw ticket { $number } “{ $title }” gesloten op { $when } (status: { $status }).
notify-closed-reopen = Is het probleem niet opgelost? Open het ticket en heropen het, of beantwoord deze e-mail.
notify-invoice-subject = Nieuwe factuur { $number } van { $tenant }
notify-invoice-body = { $tenant } heeft factuur { $number } van { $total } opgemaakt.
notify-invoice-due = De vervaldatum is { $due }.
notify-invoice-action = Factuur bekijken
notify-accepted-subject = { $who } gebruikt nu het portaal van uw bedrijf
notify-accepted-body = { $who } heeft uw uitnodiging aanvaard en kan zich nu aanmelden bij het klantenportaal van { $tenant }.
notify-accepted-action = De pagina van deze persoon openen in de bedrijfsinstellingen
notify-unsubscribe = Deze e-mails niet meer ontvangen

# Hoe elk soort heet (profielvoorkeuren, uitschrijfpagina's).
notify-kind-ticket_reply = Antwoorden van { $tenant } op mijn tickets
notify-kind-ticket_closed = Mijn tickets die { $tenant } heeft gesloten
notify-kind-invoice_finalized = Nieuwe facturen
notify-kind-invitation_accepted = Collega's die ik heb uitgenodigd en die het portaal nu gebruiken

# Profielkaart.
notify-card-title = E-mailmeldingen
notify-card-intro = Kies waarover { $tenant } u e-mails stuurt. Beveiligingsmails (wachtwoordwijzigingen, aanmeldlinks) worden altijd verstuurd.
notify-card-save = Meldingsvoorkeuren opslaan
notify-saved = Uw meldingsvoorkeuren zijn opgeslagen.
notify-card-none = Er zijn geen e-mailmeldingen voor uw rol.

# Uitschrijfpagina's (zonder aanmelding).
unsubscribe-title = Uitschrijven
unsubscribe-confirm = Geen e-mails meer ontvangen over: { $kind }?
unsubscribe-confirm-hint = Alleen dit soort e-mails stopt; u kunt ze via uw profiel weer aanzetten.
unsubscribe-button = Uitschrijven
unsubscribe-done = U ontvangt geen e-mails meer over: { $kind }.
unsubscribe-done-hint = Van gedachten veranderd? Meld u aan en zet ze weer aan onder Profiel.
unsubscribe-invalid = Deze uitschrijflink is ongeldig. Meld u aan en kies uw e-mails onder Profiel.
unsubscribe-sign-in = Aanmelden
