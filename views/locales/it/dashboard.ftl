## Dashboard: la pagina iniziale del cliente dopo l'accesso.

dashboard-title = Dashboard
dashboard-welcome = Ciao, { $name }
dashboard-intro = Ecco una panoramica del tuo account.
dashboard-account-heading = Riepilogo dell'account
dashboard-account-name = Nome
dashboard-account-email = Email
dashboard-account-company = Azienda
dashboard-last-sign-in-heading = Ultimo accesso
dashboard-last-sign-in-at = Il tuo accesso precedente risale al { $time }.
dashboard-first-sign-in = Questo è il tuo primo accesso.
dashboard-session-heading = Sessione corrente
dashboard-session-signed-in-at = Accesso effettuato
dashboard-session-method = Metodo di accesso
dashboard-method-password = Email e password
dashboard-tickets-heading = Ticket di assistenza
dashboard-tickets-open = { $count ->
    [one] Un ticket aperto
   *[other] { $count } ticket aperti
}
dashboard-tickets-awaiting = { $count ->
    [0] nessuno in attesa di una tua risposta
    [one] uno in attesa di una tua risposta
   *[other] { $count } in attesa di una tua risposta
}
dashboard-tickets-recent = Aggiornati di recente
dashboard-tickets-none = Ancora nessun ticket.
dashboard-tickets-all = Vedi tutti i ticket

# Attività recenti (gli ultimi eventi dell'azienda che l'utente può vedere).
dashboard-activity-heading = Attività recenti
dashboard-activity-none = Non è ancora successo nulla. Qui compariranno risposte, cambi di stato, fatture e novità sui progetti.
dashboard-activity-reply = { $author } ha risposto al ticket { $ticket }
dashboard-activity-status = Il ticket { $ticket } ora è «{ $status }»
dashboard-activity-closed = Il ticket { $ticket } è stato chiuso («{ $status }»)
dashboard-activity-invoice = Emessa la fattura { $number } di { $total }
dashboard-activity-payment = Ricevuto un pagamento di { $amount }
dashboard-activity-payment-for = Ricevuto un pagamento di { $amount } per la fattura { $number }
dashboard-activity-project = Il progetto { $project } ora è «{ $status }»
dashboard-activity-joined = { $who } ha accettato l'invito al portale
