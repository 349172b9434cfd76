## Pagine di errore. Non menzionare mai dettagli interni: questi testi sono visibili a chiunque.

error-status = Errore { $code }
error-home-link = Vai alla pagina iniziale
error-bad-request-title = Richiesta non valida
error-bad-request-body = Non è stato possibile interpretare la richiesta. Controlla l'indirizzo oppure torna indietro e riprova.
error-forbidden-title = Accesso negato
error-forbidden-body = Non hai l'autorizzazione per visualizzare questa pagina.
error-not-found-title = Pagina non trovata
error-not-found-body = La pagina che cercavi non esiste o è stata spostata.
error-method-not-allowed-title = Azione non consentita
error-method-not-allowed-body = Questa pagina non può essere usata in questo modo. Torna indietro e riprova.
error-payload-too-large-title = Richiesta troppo grande
error-payload-too-large-body = I dati inviati superano il limite accettato da questo portale. Riprova con meno dati.
error-too-many-requests-title = Troppe richieste
error-too-many-requests-body = Hai effettuato troppe richieste in poco tempo. Attendi qualche istante e riprova.
error-internal-title = Si è verificato un problema
error-internal-body = Si è verificato un errore imprevisto da parte nostra. Riprova più tardi.
error-unavailable-title = Temporaneamente non disponibile
error-unavailable-body = Il portale è temporaneamente non disponibile. Riprova tra qualche istante.
