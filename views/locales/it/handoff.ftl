## La pagina dell'host principale che indirizza l'utente all'indirizzo del portale della sua organizzazione.

handoff-title = Accesso in corso
handoff-heading = Accesso a { $name } in corso
handoff-body = Attendi un istante: stiamo completando l'accesso.
handoff-continue = Continua
handoff-no-script = Se non succede nulla, seleziona Continua.

## Quando il passaggio non può essere completato.

handoff-failed-title = Link di accesso non valido
handoff-failed-heading = Questo link di accesso non può essere usato
handoff-failed-expired = Il link è scaduto o è già stato usato. I link di accesso possono essere usati una sola volta, per poco tempo.
handoff-failed-domain = Questo link di accesso è stato creato per un altro indirizzo.
handoff-failed-unavailable = Questo indirizzo del portale non è ancora pronto per l'accesso.
handoff-failed-dns = Questo indirizzo del portale non è ancora configurato correttamente. Riprova più tardi o contatta il tuo fornitore di servizi.
handoff-failed-error = Si è verificato un problema durante l'accesso. Riprova.
handoff-failed-link = Per la tua sicurezza, questo indirizzo non accetta link di accesso. Accedi di nuovo per continuare.
handoff-failed-origin = Questo accesso non proviene dalla pagina di accesso, quindi non è stato accettato. Accedi di nuovo per continuare.
handoff-failed-unfinished = Non è stato possibile completare questo accesso in questo browser. Accedi di nuovo per continuare.
handoff-failed-retry = Accedi di nuovo
