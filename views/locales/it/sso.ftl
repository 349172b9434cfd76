## Single sign-on: i pulsanti della pagina di accesso.

sso-sign-in-with = Accedi con { $provider }
sso-or-password = oppure usa email e password
sso-only-intro = La tua organizzazione accede tramite il proprio provider di identità.

## Quando un accesso tramite un provider di identità non riesce.

sso-failed-title = Accesso non riuscito
sso-failed-heading = Non è stato possibile farti accedere con { $provider }
sso-failed-unreachable = Impossibile raggiungere { $provider }. Riprova tra qualche minuto.
sso-failed-denied = L'accesso è stato annullato su { $provider }, quindi non hai effettuato l'accesso.
sso-failed-state = Questo accesso è scaduto o è già stato usato. Ricomincia dalla pagina di accesso.
sso-failed-token = { $provider } ha inviato una risposta che non siamo riusciti a verificare, quindi non hai effettuato l'accesso. Riprova; se il problema persiste, contatta il tuo fornitore di servizi.
sso-failed-no-email = { $provider } non ha condiviso il tuo indirizzo email, che ci serve per trovare il tuo account.
sso-failed-unverified = { $provider } non ha verificato il tuo indirizzo email. Verificalo lì, poi riprova.
sso-failed-domain = Il tuo indirizzo email non è tra quelli che la tua organizzazione consente per accedere con { $provider }.
sso-failed-no-user = Non esiste un account del portale per questa identità { $provider }. Chiedi un invito all'amministratore del portale della tua azienda.
sso-failed-inactive = Il tuo account del portale non è attivo. Contatta il tuo fornitore di servizi.
sso-failed-internal = Questo accesso è riservato ai clienti. Gli account del personale non possono usare il portale clienti.
sso-failed-unknown-provider = Questa opzione di accesso non è disponibile per la tua organizzazione.
sso-failed-unavailable = Si è verificato un problema durante l'accesso. Riprova.
sso-failed-reference = Riferimento: { $reference }
sso-failed-retry = Torna all'accesso
sso-failed-throttled = { $minutes ->
    [one] Troppi accessi avviati dalla tua rete. Riprova tra { $minutes } minuto.
   *[other] Troppi accessi avviati dalla tua rete. Riprova tra { $minutes } minuti.
}
