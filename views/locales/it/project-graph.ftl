## Il grafo delle dipendenze tra le attività di un progetto (SVG) e la sua alternativa testuale.

project-graph-title = Dipendenze tra le attività
project-graph-desc = { $tasks ->
    [one] Un'attività collegata
   *[other] { $tasks } attività collegate
} da { $links ->
    [one] una dipendenza
   *[other] { $links } dipendenze
}, da leggere da sinistra a destra: ogni freccia va da un'attività a un'attività che la attende. I bordi spessi indicano la catena più lunga; i bordi tratteggiati indicano le attività coinvolte in un ciclo di dipendenze. Le stesse informazioni seguono in forma testuale.
project-graph-node-done = Completata
project-graph-node-blocked-by = Bloccata da: { $names }
project-graph-node-blocks = Blocca: { $names }
project-graph-node-critical = Sulla catena più lunga
project-graph-node-cycle = Parte di un ciclo di dipendenze
project-graph-text-chain = { $count ->
    [one] Catena più lunga (un'attività):
   *[other] Catena più lunga ({ $count } attività):
}
project-graph-text-cycle = Queste attività dipendono l'una dall'altra in un ciclo:
project-graph-text-cycle-fix = Si tratta di un errore nel piano del progetto; il tuo fornitore di servizi deve correggerlo.
project-graph-text-list = Dipendenze di ogni attività
project-graph-text-done = (completata)
project-graph-text-depends-on = dipende da:
project-graph-text-blocks = blocca:
