## Profilo → Sicurezza.

security-title = Sicurezza
security-intro = Gestisci come accedi e dove hai effettuato l'accesso.
security-two-factor-heading = Autenticazione a due fattori
security-two-factor-on = L'autenticazione a due fattori è attiva dal
security-two-factor-off = L'autenticazione a due fattori non è attiva. Attivala, così una password rubata non basterà per accedere al tuo posto.
security-two-factor-codes-left = { $count ->
    [one] Hai 1 codice di recupero non utilizzato.
   *[other] Hai { $count } codici di recupero non utilizzati.
}
security-two-factor-set-up = Configura l'autenticazione a due fattori
security-two-factor-disable-heading = Disattiva l'autenticazione a due fattori
security-two-factor-disable = Disattiva l'autenticazione a due fattori
security-password-heading = Cambia password
security-current-password = Password attuale
security-new-password = Nuova password
security-confirm-password = Ripeti la nuova password
security-password-rules = Da 12 a 128 caratteri. Alcune parole senza relazione tra loro formano una password sicura; evita il tuo nome e la tua email.
security-sign-out-others = Disconnetti le mie altre sessioni
security-change-password = Cambia password
security-sessions-heading = Dove hai effettuato l'accesso
security-sessions-intro = Questi dispositivi hanno effettuato l'accesso al tuo account. Se non ne riconosci uno, disconnettilo e cambia la password.
security-session-device = Dispositivo
security-session-ip = Indirizzo IP
security-session-method = Metodo di accesso
security-session-signed-in = Accesso effettuato
security-session-last-active = Ultima attività
security-session-current = Questo dispositivo
security-session-revoke = Disconnetti
security-session-unknown = Sconosciuto
security-revoke-others-heading = Disconnetti da tutti gli altri dispositivi
security-revoke-others-proof = Conferma con la tua password o con un codice di autenticazione a due fattori.
security-revoke-others = Disconnetti tutte le altre sessioni
security-password-or-code = Password o codice di autenticazione a due fattori
security-enroll-cancel = Annulla
security-codes-back = Torna a Sicurezza
security-notice-password-changed = { $count ->
    [0] La tua password è stata modificata.
    [one] La tua password è stata modificata ed è stata chiusa 1 altra sessione.
   *[other] La tua password è stata modificata e sono state chiuse altre { $count } sessioni.
}
security-notice-two-factor-on = L'autenticazione a due fattori è ora attiva.
security-notice-two-factor-off = L'autenticazione a due fattori è ora disattivata.
security-notice-session-revoked = La sessione è stata chiusa.
security-notice-others-revoked = { $count ->
    [one] È stata chiusa 1 altra sessione.
   *[other] Sono state chiuse altre { $count } sessioni.
}
security-error-wrong-password = La password non è corretta.
security-error-mismatch = Le due nuove password non coincidono.
security-error-missing = Inserisci due volte la nuova password.
security-error-too-short = La password deve contenere almeno 12 caratteri.
security-error-too-long = La password può contenere al massimo 128 caratteri.
security-error-contains-email = La password non deve contenere il tuo indirizzo email.
security-error-contains-name = La password non deve contenere il tuo nome.
security-error-too-weak = Questa password è troppo facile da indovinare. Prova con alcune parole senza relazione tra loro.
security-error-needs-proof = Inserisci la tua password o un codice di autenticazione a due fattori valido.
security-error-csrf = Il modulo è scaduto. Riprova.
security-error-unavailable = Funzione temporaneamente non disponibile. Riprova tra qualche istante.
security-error-throttled = { $minutes ->
    [one] Troppe password o codici errati, riprova tra 1 minuto.
   *[other] Troppe password o codici errati, riprova tra { $minutes } minuti.
}
security-method-password = Password
security-method-password-totp = Password e codice dell'app di autenticazione
security-method-password-recovery = Password e codice di recupero

## Metodi di accesso tramite single sign-on e identità collegate.

security-method-oidc = Single sign-on
security-method-oidc-totp = Single sign-on e codice dell'app di autenticazione
security-method-oidc-recovery = Single sign-on e codice di recupero
security-identities-heading = Single sign-on
security-identities-intro = Questi account presso i provider di identità della tua organizzazione consentono di accedere a questo account del portale. Se ne rimuovi uno, non potrà più essere usato per accedere qui; se accedi di nuovo con quell'account, verrà ricollegato quando il suo indirizzo email corrisponde.
security-identity-provider = Provider
security-identity-email = Email presso il provider
security-identity-linked = Collegato
security-identity-last-used = Ultimo utilizzo
security-identity-unlink = Rimuovi
security-notice-identity-unlinked = L'identità single sign-on è stata rimossa dal tuo account.
