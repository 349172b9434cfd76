## Facturation : vue d’ensemble, factures, une facture, paiements.

billing-title = Facturation
billing-heading = Facturation
billing-intro = Ce qui est facturé à votre entreprise, ce qui reste dû et ce qui a été payé.
billing-tabs = Rubriques de la facturation
billing-tab-overview = Vue d’ensemble
billing-tab-invoices = Factures
billing-tab-payments = Paiements
billing-outstanding = Solde à régler
billing-nothing-outstanding = Rien à payer. Merci !
billing-unpaid-count = { $count ->
    [one] { $count } facture impayée
   *[other] { $count } factures impayées
}
billing-next-due = Prochaine facture à échéance
billing-no-next-due = Aucune facture n’est en attente de paiement.
billing-credit = Crédit disponible
billing-no-credit = Aucun crédit sur votre compte.
billing-contracts = Ce qui vous est facturé
billing-no-contracts = Aucun contrat en vigueur.
billing-col-contract = Contrat
billing-col-service = Service
billing-col-frequency = Facturation
billing-col-quantity = Quantité
billing-col-rate = Tarif
billing-hour-blocks = Heures prépayées
billing-hours-left = Il reste { $left } h sur { $total } h
billing-expires = expire le
billing-freq-weekly = Chaque semaine
billing-freq-monthly = Chaque mois
billing-freq-quarterly = Chaque trimestre
billing-freq-semiannually = Deux fois par an
billing-freq-annually = Chaque année
billing-freq-one-time = Une seule fois
billing-freq-usage = À l’usage
billing-status-paid = Payée
billing-status-partially-paid = Partiellement payée
billing-status-overdue = En retard
billing-status-open = À régler
billing-status-void = Annulée
billing-filter-status = Afficher
billing-filter-all = Toutes les factures
billing-filter-unpaid = Impayées
billing-filter-apply = Appliquer
billing-col-number = Facture
billing-col-issued = Émise le
billing-col-due = Échéance
billing-col-total = Total
billing-col-balance = Reste à payer
billing-col-status = Statut
billing-col-date = Date
billing-col-amount = Montant
billing-col-invoice = Facture
billing-col-method = Moyen de paiement
billing-col-reference = Référence
billing-col-description = Description
billing-col-unit-price = Prix unitaire
billing-col-tax = Taxes
billing-invoices-count = { $count ->
    [0] Aucune facture
    [one] Une facture
   *[other] { $count } factures
}
billing-no-invoices = Aucune facture ne correspond.
billing-no-payments = Aucun paiement pour le moment.
billing-payments-count = { $count ->
    [0] Aucun paiement
    [one] Un paiement
   *[other] { $count } paiements
}
billing-page-of = Page { $page } sur { $pages }
billing-page-previous = Précédente
billing-page-next = Suivante
billing-pages = Pages
billing-type-invoice = Facture
billing-type-credit-note = Avoir
billing-type-prepayment = Facture d’acompte
billing-subtotal = Sous-total
billing-tax = Taxes
billing-total = Total
billing-credit-applied = Crédit appliqué
billing-paid = Déjà payé
billing-balance = Reste à payer
billing-pay-now = Payer maintenant
billing-download-pdf = Télécharger le PDF
billing-period = Période
billing-lines = Lignes
billing-payments-on-invoice = Paiements
billing-back = Toutes les factures
billing-payment-succeeded = Reçu
billing-payment-pending = En attente
billing-payment-failed = Échoué
billing-payment-refunded = Remboursé
billing-notes = Remarques
billing-pdf-bill-to = Facturé à
billing-pdf-page = Page { $n } sur { $total }
billing-tab-usage = Consommation
billing-usage-from = Du
billing-usage-to = Au
billing-usage-none = Aucune consommation ni aucun temps facturable sur cette période.
billing-usage-desc = Une barre par mois, { $range }. Le tableau à côté du graphique présente les mêmes chiffres.
billing-usage-month = Mois
billing-usage-hours = Heures par service
billing-usage-hours-col = Heures
billing-usage-burn-desc = Heures restant dans le forfait après chaque utilisation, depuis son début. Le tableau à côté du graphique présente les mêmes chiffres.
billing-usage-left = Heures restantes
billing-usage-axis-hours = { $hours } h
