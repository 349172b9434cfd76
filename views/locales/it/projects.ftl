## Progetti: elenco, pagina di un progetto, attività, documenti, scheda della dashboard.

projects-title = Progetti
projects-heading = Progetti
projects-intro = Segui i progetti della tua azienda con il tuo MSP: a che punto è ciascuno, quali sono i prossimi passi e i documenti correlati.
projects-filter-legend = Filtra i progetti
projects-filter-status = Stato
projects-filter-open = Aperti
projects-filter-closed = Chiusi
projects-filter-all = Tutti
projects-filter-search = Cerca
projects-filter-search-hint = Parole del nome, della descrizione o del codice WBS.
projects-filter-sort = Ordina per
projects-filter-direction = Ordine
projects-filter-apply = Applica
projects-filter-clear = Cancella i filtri
projects-sort-name = Nome
projects-sort-number = Numero
projects-sort-status = Stato
projects-sort-start = Data di inizio
projects-sort-end = Data di fine
projects-sort-updated = Ultimo aggiornamento
projects-dir-asc = Crescente
projects-dir-desc = Decrescente
projects-count = { $count ->
    [0] Nessun progetto
    [one] Un progetto
   *[other] { $count } progetti
}
projects-empty = Nessun progetto corrispondente. Prova un altro stato o cancella la ricerca.
projects-col-number = Numero
projects-col-name = Progetto
projects-col-status = Stato
projects-col-start = Inizio
projects-col-end = Fine
projects-col-progress = Avanzamento
projects-pages-label = Pagine
projects-page-of = Pagina { $page } di { $pages }
projects-page-previous = Precedente
projects-page-next = Successiva
projects-page-first = Prima
projects-page-last = Ultima
projects-closed-badge = Chiuso
projects-progress = { $done } su { $total ->
    [one] { $total } attività completata
   *[other] { $total } attività completate
} ({ $percent }%)
projects-no-tasks = Ancora nessuna attività
projects-wbs = WBS { $code }
projects-back = Tutti i progetti
projects-fact-status = Stato
projects-fact-start = Inizio
projects-fact-end = Fine
projects-fact-completion = Completamento
projects-fact-budget = Ore previste
projects-fact-logged = Tempo registrato
projects-hours = { $hours } h
projects-description = Informazioni sul progetto
projects-phases = Fasi
projects-tasks = Attività
projects-view-label = Mostra le attività come
projects-view-kanban = Bacheca
projects-view-list = Elenco
projects-column-count = { $count ->
    [one] 1 attività
   *[other] { $count } attività
}
projects-column-empty = Nessuna attività qui.
projects-no-phase = Senza fase
projects-task-due = Scadenza
projects-task-status = Stato
projects-task-assignee = Assegnata a
projects-task-estimated = Stima
projects-task-actual = Tempo impiegato
projects-task-priority = Priorità
projects-task-checklist = Checklist
projects-task-services = Servizi
projects-task-depends-on = Dipende da
projects-task-blocks = Blocca
projects-task-related = Correlata a
projects-task-documents = Documenti:
projects-overdue = In ritardo
projects-dependencies = Dipendenze
projects-dependencies-intro = Quali attività ne attendono altre. È evidenziata la catena più lunga di attività che devono essere completate una dopo l'altra.
projects-documents = Documenti
projects-documents-none = Non è stato ancora condiviso nessun documento in questo progetto.
projects-document-meta = { $size }, aggiunto da { $by }
projects-document-of-task = nell'attività «{ $task }»
projects-upload-label = Aggiungi un documento
projects-upload-hint = Fino a { $count } file, ciascuno di massimo { $megabytes } MB.
projects-upload-submit = Carica
projects-uploaded = Il documento è stato aggiunto. Anche il tuo MSP può vederlo.
projects-upload-error-required = Scegli un file da caricare.
projects-upload-error-too-large = Un file supera { $megabytes } MB. Non è stato caricato nulla.
projects-upload-error-empty = Un file è vuoto. Non è stato caricato nulla.
projects-upload-error-storage-full = Al momento non c’è spazio per salvare i file. Non è stato caricato nulla; riprova più tardi.
projects-upload-error-too-many = { $count ->
    [one] Carica un file alla volta.
   *[other] Carica al massimo { $count } file alla volta.
}
projects-upload-error-name = Non è stato possibile usare il nome di un file. Rinomina il file e riprova.
projects-tasks-hidden = Il tuo MSP non condivide nel portale le attività di questo progetto.
projects-card-heading = Progetti attivi
projects-card-active = { $count ->
    [0] Nessun progetto aperto
    [one] Un progetto aperto
   *[other] { $count } progetti aperti
}
projects-card-next-due = Prossima scadenza:
projects-card-no-due = Nessuna scadenza imminente per le attività.
