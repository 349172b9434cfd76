## Pagina di accesso.

signin-title = Accedi
signin-heading = Accedi a { $name }
signin-intro = Usa l'indirizzo email e la password del tuo account cliente.
signin-email-label = Indirizzo email
signin-password-label = Password
signin-submit = Accedi

## Errori di accesso, mostrati in un avviso sopra il modulo.

signin-error-invalid-credentials = Email o password non valide
signin-error-access-denied = Accesso negato. Questo portale è riservato agli account dei clienti; il personale dell'MSP accede all'applicazione dell'MSP.
signin-error-missing-fields = Inserisci email e password.
signin-error-csrf-failed = Il modulo di accesso è scaduto. Riprova.
signin-error-unavailable = L'accesso è temporaneamente non disponibile. Riprova tra qualche istante.
signin-error-throttled = { $minutes ->
    [one] Troppi tentativi di accesso non riusciti, riprova tra { $minutes } minuto
   *[other] Troppi tentativi di accesso non riusciti, riprova tra { $minutes } minuti
}
signin-error-sso-only = La tua organizzazione accede tramite il proprio provider di identità: usa il pulsante qui sopra.

## Avvisi di accesso, mostrati come messaggio di stato sopra il modulo.

signin-notice-signed-out = Disconnessione effettuata.
signin-notice-session-expired = La sessione è scaduta. Accedi di nuovo.
