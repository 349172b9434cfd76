## Profilo → Profilo: la scheda «Indirizzo email» (modifica dell'email di accesso).

email-change-heading = Indirizzo email
email-change-current = Email di accesso
email-change-intro = Accedi con questo indirizzo ed è qui che il tuo fornitore di servizi ti scrive. Per cambiarlo, inserisci il nuovo indirizzo e la password attuale: invieremo un link di conferma al nuovo indirizzo e avviseremo quello attuale. Non cambia nulla finché non apri il link.
email-change-new-email = Nuovo indirizzo email
email-change-current-password = Password attuale
email-change-submit = Invia il link di conferma
email-change-sso-only = Accedi tramite il provider di identità della tua organizzazione, quindi il tuo indirizzo è gestito lì. Chiedi al tuo reparto IT o al tuo fornitore di servizi di modificarlo.
email-change-pending = Conferma inviata a { $email }: controlla la tua casella di posta. Il link può essere usato una sola volta, fino al { $when }. Finché non lo apri, la tua email di accesso resta { $current }.
email-change-resend = Invia di nuovo il link
email-change-cancel = Annulla la modifica
email-change-resent = Abbiamo inviato un nuovo link di conferma a { $email }; quello precedente non è più valido.
email-change-cancelled = La modifica è stata annullata; il link di conferma non è più valido.
email-change-nothing-pending = Nessuna modifica era in attesa di conferma.
email-change-fix = Controlla il modulo dell'indirizzo email; non è stato salvato né inviato nulla.
email-change-error-missing = Inserisci il nuovo indirizzo email.
email-change-error-malformed = Inserisci un indirizzo email come name@example.com.
email-change-error-same = Questa è già la tua email di accesso.
email-change-error-taken = Un altro utente di questo portale accede già con questo indirizzo.
email-change-error-wrong-password = La password non è corretta.
email-change-error-too-many = Sono stati richiesti troppi link di conferma di recente. Riprova più tardi.
email-change-error-no-password = Il tuo indirizzo è gestito dal tuo provider di identità; non è possibile modificarlo qui.
email-change-error-unavailable = Funzione temporaneamente non disponibile. Riprova tra qualche istante.

## Le pagine del link di conferma.

email-change-confirm-title = Conferma il nuovo indirizzo email
email-change-confirm-heading = Conferma il nuovo indirizzo email
email-change-confirm-body = Premi il pulsante per usare d'ora in poi { $email } per accedere al portale clienti di { $tenant }. Le altre sessioni verranno chiuse.
email-change-confirm-submit = Conferma il mio nuovo indirizzo email
email-change-done-title = Indirizzo email modificato
email-change-done-heading = Il tuo indirizzo email è stato modificato
email-change-done-body = D'ora in poi, accedi con { $email }. La password e le impostazioni di autenticazione a due fattori restano invariate; le altre sessioni sono state chiuse.
email-change-done-profile = Torna al mio profilo
email-change-done-sign-in = Accedi
email-change-invalid-title = Questo link non può essere usato
email-change-invalid-heading = Questo link non può essere usato
email-change-invalid-body = Il link di conferma è scaduto, è già stato usato oppure è stato sostituito o annullato. Il tuo indirizzo email non è cambiato. Puoi richiedere un nuovo link dal tuo profilo.
email-change-taken-title = Questo indirizzo è già in uso
email-change-taken-heading = Questo indirizzo non può essere usato
email-change-taken-body = Ora un altro utente di questo portale accede con { $email }, quindi il tuo indirizzo email non è cambiato. Scegli un altro indirizzo dal tuo profilo.
email-change-to-profile = Vai al mio profilo

## Email: il link di conferma (al nuovo indirizzo) e l'avviso (a quello attuale).

email-change-confirm-subject = Conferma il nuovo indirizzo email per il portale di { $tenant }
email-change-confirm-intro = Qualcuno, speriamo tu, ha chiesto di usare questo indirizzo ({ $new }) per accedere al portale clienti di { $tenant } al posto di { $old }.
email-change-confirm-action = Conferma il mio nuovo indirizzo email
email-change-confirm-expiry = Il link può essere usato una sola volta e scade il { $when }. Finché non viene usato, non cambia nulla.
email-change-confirm-ignore = Se non hai fatto tu questa richiesta, ignora questa email: l'indirizzo non verrà modificato.
email-change-notice-subject = È stato richiesto un nuovo indirizzo email per il tuo account del portale di { $tenant }
email-change-notice-body = Il { $when }, qualcuno che aveva effettuato l'accesso al tuo account del portale clienti di { $tenant } ha chiesto di cambiarne l'indirizzo email da { $old } a { $new }. È stato inviato un link di conferma al nuovo indirizzo; non cambia nulla se non viene aperto.
email-change-notice-ip = La richiesta proviene dall'indirizzo IP { $ip }.
email-change-notice-not-you = Se non hai fatto tu questa richiesta, accedi, annulla la modifica nella pagina del tuo profilo e cambia subito la password, poi informa { $tenant }.
email-change-notice-action = Apri il mio profilo
