## Fatturazione: panoramica, fatture, una fattura, pagamenti.

billing-title = Fatturazione
billing-heading = Fatturazione
billing-intro = Cosa viene fatturato alla tua azienda, cosa è da pagare e cosa è già stato pagato.
billing-tabs = Sezioni della fatturazione
billing-tab-overview = Panoramica
billing-tab-invoices = Fatture
billing-tab-payments = Pagamenti
billing-outstanding = Saldo da pagare
billing-nothing-outstanding = Nulla da pagare. Grazie!
billing-unpaid-count = { $count ->
    [one] Una fattura non pagata
   *[other] { $count } fatture non pagate
}
billing-next-due = Prossima fattura in scadenza
billing-no-next-due = Nessuna fattura in attesa di pagamento.
billing-credit = Credito disponibile
billing-no-credit = Nessun credito sul tuo conto.
billing-contracts = Cosa ti viene fatturato
billing-no-contracts = Nessun contratto in vigore.
billing-col-contract = Contratto
billing-col-service = Servizio
billing-col-frequency = Fatturazione
billing-col-quantity = Quantità
billing-col-rate = Tariffa
billing-hour-blocks = Ore prepagate
billing-hours-left = { $left } ore rimanenti su { $total }
billing-expires = scade il
billing-freq-weekly = Settimanale
billing-freq-monthly = Mensile
billing-freq-quarterly = Trimestrale
billing-freq-semiannually = Semestrale
billing-freq-annually = Annuale
billing-freq-one-time = Una tantum
billing-freq-usage = A consumo
billing-status-paid = Pagata
billing-status-partially-paid = Pagata in parte
billing-status-overdue = Scaduta
billing-status-open = Aperta
billing-status-void = Annullata
billing-filter-status = Mostra
billing-filter-all = Tutte le fatture
billing-filter-unpaid = Non pagate
billing-filter-apply = Applica
billing-col-number = Fattura
billing-col-issued = Emissione
billing-col-due = Scadenza
billing-col-total = Totale
billing-col-balance = Da pagare
billing-col-status = Stato
billing-col-date = Data
billing-col-amount = Importo
billing-col-invoice = Fattura
billing-col-method = Metodo
billing-col-reference = Riferimento
billing-col-description = Descrizione
billing-col-unit-price = Prezzo unitario
billing-col-tax = IVA
billing-invoices-count = { $count ->
    [0] Nessuna fattura
    [one] Una fattura
   *[other] { $count } fatture
}
billing-no-invoices = Nessuna fattura corrispondente.
billing-no-payments = Ancora nessun pagamento.
billing-payments-count = { $count ->
    [0] Nessun pagamento
    [one] Un pagamento
   *[other] { $count } pagamenti
}
billing-page-of = Pagina { $page } di { $pages }
billing-page-previous = Precedente
billing-page-next = Successiva
billing-pages = Pagine
billing-type-invoice = Fattura
billing-type-credit-note = Nota di credito
billing-type-prepayment = Fattura di acconto
billing-subtotal = Subtotale
billing-tax = IVA
billing-total = Totale
billing-credit-applied = Credito applicato
billing-paid = Pagato
billing-balance = Da pagare
billing-pay-now = Paga ora
billing-download-pdf = Scarica PDF
billing-period = Periodo
billing-lines = Voci
billing-payments-on-invoice = Pagamenti
billing-back = Tutte le fatture
billing-payment-succeeded = Ricevuto
billing-payment-pending = In attesa
billing-payment-failed = Non riuscito
billing-payment-refunded = Rimborsato
billing-notes = Note
billing-pdf-bill-to = Intestata a
billing-pdf-page = Pagina { $n } di { $total }
billing-tab-usage = Consumi
billing-usage-from = Dal
billing-usage-to = Al
billing-usage-none = Nessun consumo né tempo fatturabile in questo periodo.
billing-usage-desc = Una barra per mese, { $range }. La tabella accanto al grafico riporta gli stessi dati.
billing-usage-month = Mese
billing-usage-hours = Ore per servizio
billing-usage-hours-col = Ore
billing-usage-burn-desc = Ore rimanenti nel pacchetto dopo ogni utilizzo, dall'inizio. La tabella accanto al grafico riporta gli stessi dati.
billing-usage-left = Ore rimanenti
billing-usage-axis-hours = { $hours } h
