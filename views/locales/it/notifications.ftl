# Email di notifica (risposte dell'MSP, ticket chiusi, nuove fatture, inviti accettati), le
# pagine di annullamento dell'iscrizione e le preferenze di notifica del profilo.

notify-reply-subject = Nuova risposta al ticket { $number }: { $title }
notify-replies-subject = { $count ->
    [one] Un'altra risposta al ticket { $number }: { $title }
   *[other] Altre { $count } risposte al ticket { $number }: { $title }
}
notify-reply-intro = { $tenant } ha risposto al tuo ticket { $number } «{ $title }».
notify-replies-intro = { $count ->
    [one] { $tenant } ha aggiunto un'altra risposta al tuo ticket { $number } «{ $title }».
   *[other] { $tenant } ha aggiunto altre { $count } risposte al tuo ticket { $number } «{ $title }».
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = Puoi rispondere dalla pagina del ticket oppure rispondere a questa email per scrivere all'help desk.
notify-reply-action = Apri il ticket
notify-closed-subject = Il ticket { $number } è stato chiuso: { $title }
notify-closed-body = { $tenant } ha chiuso il tuo ticket { $number } «{ $title }» il { $when } (stato: { $status }).
notify-closed-reopen = Se il problema non è risolto, apri il ticket e riaprilo, oppure rispondi a questa email.
notify-invoice-subject = Nuova fattura { $number } da { $tenant }
notify-invoice-body = { $tenant } ha emesso la fattura { $number } di { $total }.
notify-invoice-due = La scadenza è il { $due }.
notify-invoice-action = Visualizza la fattura
notify-accepted-subject = { $who } ha accettato l'invito al portale della tua azienda
notify-accepted-body = { $who } ha accettato il tuo invito e ora può accedere al portale clienti di { $tenant }.
notify-accepted-action = Apri la sua pagina nelle impostazioni aziendali
notify-unsubscribe = Non ricevere più queste email

# Come si chiama ogni tipo (preferenze del profilo, pagine di annullamento dell'iscrizione).
notify-kind-ticket_reply = Risposte di { $tenant } ai miei ticket
notify-kind-ticket_closed = I miei ticket chiusi da { $tenant }
notify-kind-invoice_finalized = Nuove fatture
notify-kind-invitation_accepted = Colleghi che ho invitato e che hanno accettato

# Scheda del profilo.
notify-card-title = Notifiche via email
notify-card-intro = Scegli per cosa { $tenant } ti invia email. Le email di sicurezza (modifiche della password, link di accesso) vengono sempre inviate.
notify-card-save = Salva le preferenze di notifica
notify-saved = Le tue preferenze di notifica sono state salvate.
notify-card-none = Non sono previste email di notifica per il tuo ruolo.

# Pagine di annullamento dell'iscrizione (senza accesso).
unsubscribe-title = Annulla iscrizione
unsubscribe-confirm = Vuoi smettere di ricevere le email relative a: { $kind }?
unsubscribe-confirm-hint = Verrà interrotto solo questo tipo di email; puoi riattivarlo dal tuo profilo.
unsubscribe-button = Annulla iscrizione
unsubscribe-done = Non riceverai più email relative a: { $kind }.
unsubscribe-done-hint = Hai cambiato idea? Accedi e riattivale in Profilo.
unsubscribe-invalid = Questo link per annullare l'iscrizione non è valido. Accedi e scegli le tue email in Profilo.
unsubscribe-sign-in = Accedi
