## Impostazioni aziendali (amministratori del cliente).

company-title = Azienda
company-heading = { $company }
company-intro = Gli utenti del portale della tua azienda, dove hanno effettuato l'accesso e i loro accessi recenti.
company-users-heading = Utenti del portale
company-user-name = Nome
company-user-email = Email
company-user-role = Ruolo
company-user-two-factor = Due fattori
company-user-last-sign-in = Ultimo accesso
company-user-sessions = Sessioni attive
company-role-admin = Amministratore
company-role-finance = Contabilità
company-role-user = Utente
company-inactive = Non attivo
company-yes = Attiva
company-no = Non attiva
company-never = Mai
company-sign-out-user = Disconnetti ovunque
company-sessions-heading = Sessioni attive
company-sessions-none = Al momento nessun utente della tua azienda ha effettuato l'accesso.
company-session-user = Utente
company-session-device = Dispositivo
company-session-ip = Indirizzo IP
company-session-method = Metodo di accesso
company-session-last-active = Ultima attività
company-session-revoke = Disconnetti
company-session-yours = Tu, da qui
company-events-heading = Accessi e modifiche all'account recenti
company-events-none = Ancora nessun accesso.
company-event-time = Quando
company-event-who = Email
company-event-outcome = Esito
company-event-ip = Indirizzo IP
company-outcome-success = Accesso effettuato
company-outcome-failure = Non riuscito
company-outcome-second-factor = Password corretta, secondo fattore richiesto
company-notice-session = La sessione è stata chiusa.
company-notice-user = { $count ->
    [one] È stata chiusa 1 sessione.
   *[other] Sono state chiuse { $count } sessioni.
}
company-unknown = Sconosciuto
company-manage-user = Gestisci
company-event-two-factor = Obbligo di autenticazione a due fattori modificato
company-two-factor-heading = Autenticazione a due fattori per tutti
company-two-factor-require = Richiedi l'autenticazione a due fattori a tutti gli utenti della tua azienda
company-two-factor-hint = Chi non la usa ancora dovrà configurarla al prossimo accesso. Per chi la usa già non cambia nulla.
company-two-factor-save = Salva
company-notice-two-factor = Salvato: l'obbligo di autenticazione a due fattori si applica dal prossimo accesso di ciascun utente.
company-event-role-changed = Ruolo modificato da un amministratore
company-event-deactivated = Disattivato da un amministratore
company-event-reactivated = Riattivato da un amministratore
company-event-reset-sent = Link di reimpostazione della password inviato da un amministratore
company-event-signed-out = Una sessione è stata chiusa
company-event-profile-updated = Profilo aggiornato

## Un utente del portale dell'azienda.

member-back = ← Tutti gli utenti del portale
member-facts-heading = Account
member-email = Email
member-status = Stato
member-active = Attivo
member-inactive = Disattivato
member-two-factor = Due fattori
member-last-sign-in = Ultimo accesso
member-sessions = Sessioni attive
member-role-heading = Ruolo
member-role-legend = Cosa può fare questa persona nel portale
member-role-admin-hint = Tutto, compresa la gestione degli utenti del portale e delle impostazioni della tua azienda.
member-role-finance-hint = Fatture, pagamenti e consumi, oltre a ticket di assistenza e progetti.
member-role-user-hint = Ticket di assistenza e progetti; niente fatturazione né impostazioni aziendali.
member-role-save = Salva il ruolo
member-access-heading = Accesso
member-deactivate-hint = Una persona disattivata viene disconnessa subito e non può accedere finché non viene riattivata. I suoi ticket e la sua cronologia restano.
member-deactivate = Disattiva
member-reactivate-hint = Questa persona è disattivata e non può accedere.
member-reactivate = Riattiva
member-you-hint = Sei tu: se rinunci al ruolo Amministratore perdi subito l'accesso alle impostazioni aziendali.
member-notice-role = Il ruolo è stato modificato. Si applica dalla prossima pagina che la persona apre.
member-notice-deactivated = Account disattivato: la persona è stata disconnessa ovunque.
member-notice-reactivated = Account riattivato: la persona può accedere di nuovo.
member-notice-unchanged = Non è cambiato nulla.
member-error-last-admin = La tua azienda deve avere almeno un amministratore attivo e questo è l'unico. Nomina prima un altro amministratore.
member-error-conflict = Qualcun altro ha modificato il ruolo di questa persona nello stesso momento. Controlla di nuovo e riprova.
member-error-bad-role = Scegli uno dei tre ruoli.
member-reset-heading = Password
member-reset-hint = Invia a { $email } un link per impostare una nuova password. La password attuale resta valida finché il link non viene usato.
member-reset = Invia un link di reimpostazione della password
member-notice-reset = Il link di reimpostazione della password è in arrivo.
member-error-inactive = Questa persona è disattivata: riattivala prima.

## I dati dell'azienda nelle impostazioni aziendali.

company-details-heading = Dati dell'azienda
company-details-kept = Questi dati sono gestiti dal tuo fornitore di servizi. Qualcosa non è aggiornato? Segnalalo e provvederà a correggerlo.
company-details-edit-hint = Il tuo fornitore di servizi viene informato di ogni modifica.
company-details-phone = Telefono
company-details-email = Email
company-details-website = Sito web
company-details-address = Indirizzo di fatturazione
company-details-line1 = Via e numero civico
company-details-line2 = Indirizzo (riga 2)
company-details-postal-code = CAP
company-details-city = Città
company-details-region = Provincia o regione
company-details-country = Paese
company-details-save = Salva i dati dell'azienda
company-details-not-on-file = Nessun dato
company-details-error-phone = Questo numero di telefono è troppo lungo o contiene caratteri non consentiti.
company-details-error-email = Inserisci un indirizzo email come accounts@example.com.
company-details-error-website = Inserisci un indirizzo web come https://www.example.com.
company-details-error-line = Questa riga è troppo lunga o contiene caratteri non consentiti.
company-notice-details = I dati dell'azienda sono stati salvati e il tuo fornitore di servizi è stato informato.
company-notice-details-unchanged = Nei dati dell'azienda non è cambiato nulla.
company-event-company-updated = Dati dell'azienda modificati
