## Faturação: visão geral, faturas, uma fatura, pagamentos.

billing-title = Faturação
billing-heading = Faturação
billing-intro = O que é faturado à sua empresa, o que está por pagar e o que já foi pago.
billing-tabs = Secções da faturação
billing-tab-overview = Visão geral
billing-tab-invoices = Faturas
billing-tab-payments = Pagamentos
billing-outstanding = Saldo em aberto
billing-nothing-outstanding = Nada a pagar. Obrigado!
billing-unpaid-count = { $count ->
    [0] Nenhuma fatura por pagar
    [one] Uma fatura por pagar
   *[other] { $count } faturas por pagar
}
billing-next-due = Próxima fatura a vencer
billing-no-next-due = Nenhuma fatura aguarda pagamento.
billing-credit = Crédito disponível
billing-no-credit = Não há crédito na sua conta.
billing-contracts = O que lhe é faturado
billing-no-contracts = Nenhum contrato em vigor.
billing-col-contract = Contrato
billing-col-service = Serviço
billing-col-frequency = Periodicidade
billing-col-quantity = Quantidade
billing-col-rate = Tarifa
billing-hour-blocks = Horas pré-pagas
billing-hours-left = { $left } de { $total } horas restantes
billing-expires = expira em
billing-freq-weekly = Semanal
billing-freq-monthly = Mensal
billing-freq-quarterly = Trimestral
billing-freq-semiannually = Semestral
billing-freq-annually = Anual
billing-freq-one-time = Única vez
billing-freq-usage = Por utilização
billing-status-paid = Paga
billing-status-partially-paid = Parcialmente paga
billing-status-overdue = Vencida
billing-status-open = Em aberto
billing-status-void = Anulada
billing-filter-status = Mostrar
billing-filter-all = Todas as faturas
billing-filter-unpaid = Por pagar
billing-filter-apply = Aplicar
billing-col-number = Fatura
billing-col-issued = Emissão
billing-col-due = Vencimento
billing-col-total = Total
billing-col-balance = Por pagar
billing-col-status = Estado
billing-col-date = Data
billing-col-amount = Valor
billing-col-invoice = Fatura
billing-col-method = Método
billing-col-reference = Referência
billing-col-description = Descrição
billing-col-unit-price = Preço unitário
billing-col-tax = Imposto
billing-invoices-count = { $count ->
    [0] Nenhuma fatura
    [one] Uma fatura
   *[other] { $count } faturas
}
billing-no-invoices = Nenhuma fatura corresponde aos critérios.
billing-no-payments = Ainda não há pagamentos.
billing-payments-count = { $count ->
    [0] Nenhum pagamento
    [one] Um pagamento
   *[other] { $count } pagamentos
}
billing-page-of = Página { $page } de { $pages }
billing-page-previous = Anterior
billing-page-next = Seguinte
billing-pages = Páginas
billing-type-invoice = Fatura
billing-type-credit-note = Nota de crédito
billing-type-prepayment = Fatura de adiantamento
billing-subtotal = Subtotal
billing-tax = Imposto
billing-total = Total
billing-credit-applied = Crédito aplicado
billing-paid = Pago
billing-balance = Por pagar
billing-pay-now = Pagar agora
billing-download-pdf = Transferir PDF
billing-period = Período
billing-lines = Linhas
billing-payments-on-invoice = Pagamentos
billing-back = Todas as faturas
billing-payment-succeeded = Recebido
billing-payment-pending = Pendente
billing-payment-failed = Falhado
billing-payment-refunded = Reembolsado
billing-notes = Notas
billing-pdf-bill-to = Faturar a
billing-pdf-page = Página { $n } de { $total }
billing-tab-usage = Utilização
billing-usage-from = De
billing-usage-to = Até
billing-usage-none = Sem utilização nem tempo faturável neste período.
billing-usage-desc = Uma barra por mês, { $range }. A tabela ao lado do gráfico contém os mesmos valores.
billing-usage-month = Mês
billing-usage-hours = Horas por serviço
billing-usage-hours-col = Horas
billing-usage-burn-desc = Horas restantes no bloco após cada utilização, desde o seu início. A tabela ao lado do gráfico contém os mesmos valores.
billing-usage-left = Horas restantes
billing-usage-axis-hours = { $hours } h
