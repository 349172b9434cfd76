# Benachrichtigungs-E-Mails (Antworten des MSP, geschlossene Tickets, neue Rechnungen, angenommene Einladungen),
# die Abbestellseiten und die Benachrichtigungseinstellungen im Profil.

notify-reply-subject = Neue Antwort zu Ticket { $number }: { $title }
notify-replies-subject = { $count ->
    [one] Eine weitere Antwort zu Ticket { $number }: { $title }
   *[other] { $count } weitere Antworten zu Ticket { $number }: { $title }
}
notify-reply-intro = { $tenant } hat auf Ihr Ticket { $number } „{ $title }“ geantwortet.
notify-replies-intro = { $count ->
    [one] { $tenant } hat Ihrem Ticket { $number } „{ $title }“ eine weitere Antwort hinzugefügt.
   *[other] { $tenant } hat Ihrem Ticket { $number } „{ $title }“ { $count } weitere Antworten hinzugefügt.
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = Sie können auf der Seite des Tickets antworten oder auf diese E-Mail antworten, um den Servicedesk zu erreichen.
notify-reply-action = Ticket öffnen
notify-closed-subject = Ticket { $number } wurde geschlossen: { $title }
notify-closed-body = { $tenant } hat Ihr Ticket { $number } „{ $title }“ am { $when } geschlossen (Status: { $status }).
notify-closed-reopen = Falls das Problem nicht gelöst ist, rufen Sie das Ticket auf und öffnen Sie es erneut, oder antworten Sie auf diese E-Mail.
notify-invoice-subject = Neue Rechnung { $number } von { $tenant }
notify-invoice-body = { $tenant } hat die Rechnung { $number } über { $total } ausgestellt.
notify-invoice-due = Sie ist am { $due } fällig.
notify-invoice-action = Rechnung anzeigen
notify-accepted-subject = { $who } ist dem Portal Ihres Unternehmens beigetreten
notify-accepted-body = { $who } hat Ihre Einladung angenommen und kann sich jetzt im Kundenportal von { $tenant } anmelden.
notify-accepted-action = Seite der Person in den Unternehmenseinstellungen öffnen
notify-unsubscribe = Diese E-Mails abbestellen

# Bezeichnung der einzelnen Arten (Profileinstellungen, Abbestellseiten).
notify-kind-ticket_reply = Antworten von { $tenant } auf meine Tickets
notify-kind-ticket_closed = Meine von { $tenant } geschlossenen Tickets
notify-kind-invoice_finalized = Neue Rechnungen
notify-kind-invitation_accepted = Von mir eingeladene Kollegen, die beigetreten sind

# Profilkarte.
notify-card-title = E-Mail-Benachrichtigungen
notify-card-intro = Wählen Sie, worüber { $tenant } Sie per E-Mail informiert. Sicherheits-E-Mails (Passwortänderungen, Anmeldelinks) werden immer gesendet.
notify-card-save = Benachrichtigungen speichern
notify-saved = Ihre Benachrichtigungseinstellungen wurden gespeichert.
notify-card-none = Für Ihre Rolle gibt es keine Benachrichtigungs-E-Mails.

# Abbestellseiten (ohne Anmeldung).
unsubscribe-title = Abbestellen
unsubscribe-confirm = Keine E-Mails mehr zu: { $kind }?
unsubscribe-confirm-hint = Nur diese Art von E-Mails wird abbestellt; Sie können sie in Ihrem Profil wieder aktivieren.
unsubscribe-button = Abbestellen
unsubscribe-done = Sie erhalten keine E-Mails mehr zu: { $kind }.
unsubscribe-done-hint = Haben Sie es sich anders überlegt? Melden Sie sich an und aktivieren Sie sie unter „Profil“ wieder.
unsubscribe-invalid = Dieser Abbestell-Link ist ungültig. Melden Sie sich an und wählen Sie Ihre E-Mails unter „Profil“ aus.
unsubscribe-sign-in = Anmelden
