## Il secondo passaggio dell'accesso.

two-factor-title = Verifica in due passaggi
two-factor-heading = Ciao { $name }, conferma che sei tu
two-factor-intro = Inserisci il codice a sei cifre della tua app di autenticazione.
two-factor-code-label = Codice
two-factor-code-hint = Hai perso il dispositivo? Inserisci invece uno dei tuoi codici di recupero.
two-factor-submit = Verifica

## Attivazione (all'accesso se obbligatoria, oppure dalla pagina Sicurezza).

two-factor-enroll-title = Configura l'autenticazione a due fattori
two-factor-enroll-heading = Configura l'autenticazione a due fattori
two-factor-enroll-required = La tua organizzazione richiede l'autenticazione a due fattori. Configurala per continuare.
two-factor-enroll-step-scan = 1. Scansiona questo codice QR con un'app di autenticazione (ad esempio Google Authenticator, Microsoft Authenticator o 1Password).
two-factor-enroll-qr-label = Codice QR per la tua app di autenticazione
two-factor-enroll-secret-label = Non riesci a scansionarlo? Inserisci invece questa chiave:
two-factor-enroll-step-confirm = 2. Inserisci il codice a sei cifre mostrato dall'app per confermare.
two-factor-enroll-submit = Attiva l'autenticazione a due fattori

## Codici di recupero, mostrati una sola volta.

two-factor-codes-title = I tuoi codici di recupero
two-factor-codes-heading = Salva i tuoi codici di recupero
two-factor-codes-intro = Ogni codice ti consente di accedere una volta se perdi l'app di autenticazione. Conservali in un luogo sicuro: non verranno mostrati di nuovo.
two-factor-codes-continue = Li ho salvati, continua

## Errori.

two-factor-error-invalid = Il codice non è valido. Controlla l'ora del dispositivo e riprova.
two-factor-error-replay = Il codice è già stato usato. Attendi il codice successivo e riprova.
two-factor-error-expired = L'accesso ha richiesto troppo tempo o è già stato completato.
two-factor-error-setup-expired = La configurazione è scaduta. Scansiona il nuovo codice QR qui sotto, poi inserisci il codice che mostra l'app.
two-factor-error-csrf = Il modulo è scaduto. Riprova.
two-factor-error-unavailable = La verifica in due passaggi è temporaneamente non disponibile. Riprova tra qualche istante.
two-factor-expired-heading = Accedi di nuovo
two-factor-expired-body = Per la tua sicurezza, il secondo passaggio dell'accesso deve seguire il primo entro pochi minuti.
two-factor-expired-link = Vai all'accesso
two-factor-error-throttled = { $minutes ->
    [one] Troppi tentativi di accesso non riusciti, riprova tra 1 minuto.
   *[other] Troppi tentativi di accesso non riusciti, riprova tra { $minutes } minuti.
}
