## Comuni ai moduli di richiesta via email.

recovery-email-label = Indirizzo email
recovery-back-to-sign-in = Torna all'accesso
recovery-forgot-link = Hai dimenticato la password?
recovery-error-csrf = Questo modulo è scaduto. Riprova.
recovery-error-email-missing = Inserisci il tuo indirizzo email.
recovery-error-too-many = Troppe richieste per questo indirizzo o da questa rete. Riprova più tardi.
recovery-error-unavailable = Funzione temporaneamente non disponibile. Riprova tra qualche istante.

## Password dimenticata: richiesta di un link di reimpostazione.

forgot-title = Reimposta la password
forgot-heading = Reimposta la password
forgot-intro = Inserisci l'indirizzo email del tuo account del portale clienti di { $name }. Ti invieremo via email un link per scegliere una nuova password.
forgot-submit = Inviami un link di reimpostazione
forgot-sent-title = Controlla la tua email
forgot-sent-heading = Controlla la tua email
forgot-sent-body = Se questo indirizzo appartiene a un account di questo portale, gli abbiamo inviato un link per scegliere una nuova password. Il link può essere usato una sola volta e scade tra { $minutes } minuti.
forgot-sent-help = Dopo qualche minuto non è arrivato nulla? Controlla la cartella dello spam, verifica di aver digitato l'indirizzo associato al tuo account oppure rivolgiti al tuo fornitore di servizi.

## Impostazione di una nuova password da un link di reimpostazione.

reset-title = Scegli una nuova password
reset-heading = Scegli una nuova password per { $name }
reset-intro = La nuova password sostituisce quella precedente e tutte le sessioni del tuo account vengono chiuse.
reset-password-label = Nuova password
reset-confirm-label = Ripeti la nuova password
reset-hint = Almeno 12 caratteri. Alcune parole senza relazione tra loro formano una password sicura e facile da ricordare.
reset-submit = Imposta la nuova password
reset-done-title = Password modificata
reset-done-heading = La tua password è stata modificata
reset-done-body = La nuova password è stata impostata e tutte le sessioni del tuo account sono state chiuse. Accedi con la nuova password.
reset-done-sign-in = Accedi
reset-invalid-title = Questo link non può essere usato
reset-invalid-heading = Questo link non può essere usato
reset-invalid-body = Il link di reimpostazione della password è scaduto, è già stato usato oppure è stato sostituito da uno più recente. Richiedi un nuovo link per continuare.
reset-invalid-action = Richiedi un nuovo link

## Motivi per cui una nuova password è stata rifiutata.


## Trova la tua organizzazione: la pagina di accesso senza organizzazione.

find-org-title = Trova la tua organizzazione
find-org-heading = Trova il portale della tua organizzazione
find-org-intro = Per accedere, usa il link al portale che ti ha fornito il tuo fornitore di servizi. Non lo trovi? Inserisci il tuo indirizzo email e ti invieremo i link di accesso di tutte le organizzazioni in cui hai un account del portale clienti.
find-org-submit = Inviami i miei link di accesso
find-org-help = Puoi anche chiedere al tuo fornitore di servizi di inviarti di nuovo il link al portale.
find-org-sent-title = Controlla la tua email
find-org-sent-heading = Controlla la tua email
find-org-sent-body = Se a questo indirizzo sono associati account del portale clienti, gli abbiamo inviato i relativi link di accesso.
