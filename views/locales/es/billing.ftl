## Facturación: resumen, facturas, una factura, pagos.

billing-title = Facturación
billing-heading = Facturación
billing-intro = Lo que se factura a su empresa, lo que está pendiente y lo que ya se ha pagado.
billing-tabs = Secciones de facturación
billing-tab-overview = Resumen
billing-tab-invoices = Facturas
billing-tab-payments = Pagos
billing-outstanding = Saldo pendiente
billing-nothing-outstanding = No hay nada pendiente de pago. ¡Gracias!
billing-unpaid-count = { $count ->
    [one] Una factura sin pagar
   *[other] { $count } facturas sin pagar
}
billing-next-due = Próxima factura por vencer
billing-no-next-due = No hay ninguna factura pendiente de pago.
billing-credit = Crédito disponible
billing-no-credit = Su cuenta no tiene crédito.
billing-contracts = Lo que se le factura
billing-no-contracts = No hay ningún contrato vigente.
billing-col-contract = Contrato
billing-col-service = Servicio
billing-col-frequency = Facturación
billing-col-quantity = Cantidad
billing-col-rate = Tarifa
billing-hour-blocks = Horas prepagadas
billing-hours-left = Quedan { $left } de { $total } horas
billing-expires = caduca el
billing-freq-weekly = Semanal
billing-freq-monthly = Mensual
billing-freq-quarterly = Trimestral
billing-freq-semiannually = Semestral
billing-freq-annually = Anual
billing-freq-one-time = Única vez
billing-freq-usage = Según consumo
billing-status-paid = Pagada
billing-status-partially-paid = Pagada parcialmente
billing-status-overdue = Vencida
billing-status-open = Pendiente
billing-status-void = Anulada
billing-filter-status = Mostrar
billing-filter-all = Todas las facturas
billing-filter-unpaid = Sin pagar
billing-filter-apply = Aplicar
billing-col-number = Factura
billing-col-issued = Emisión
billing-col-due = Vencimiento
billing-col-total = Total
billing-col-balance = Pendiente de pago
billing-col-status = Estado
billing-col-date = Fecha
billing-col-amount = Importe
billing-col-invoice = Factura
billing-col-method = Método
billing-col-reference = Referencia
billing-col-description = Descripción
billing-col-unit-price = Precio unitario
billing-col-tax = Impuesto
billing-invoices-count = { $count ->
    [0] Ninguna factura
    [one] Una factura
   *[other] { $count } facturas
}
billing-no-invoices = No hay facturas que coincidan.
billing-no-payments = Todavía no hay pagos.
billing-payments-count = { $count ->
    [0] Ningún pago
    [one] Un pago
   *[other] { $count } pagos
}
billing-page-of = Página { $page } de { $pages }
billing-page-previous = Anterior
billing-page-next = Siguiente
billing-pages = Páginas
billing-type-invoice = Factura
billing-type-credit-note = Nota de crédito
billing-type-prepayment = Factura de anticipo
billing-subtotal = Subtotal
billing-tax = Impuestos
billing-total = Total
billing-credit-applied = Crédito aplicado
billing-paid = Pagado
billing-balance = Pendiente de pago
billing-pay-now = Pagar ahora
billing-download-pdf = Descargar PDF
billing-period = Período
billing-lines = Líneas
billing-payments-on-invoice = Pagos
billing-back = Todas las facturas
billing-payment-succeeded = Recibido
billing-payment-pending = Pendiente
billing-payment-failed = Fallido
billing-payment-refunded = Reembolsado
billing-notes = Notas
billing-pdf-bill-to = Facturar a
billing-pdf-page = Página { $n } de { $total }
billing-tab-usage = Consumo
billing-usage-from = Desde
billing-usage-to = Hasta
billing-usage-none = No hay consumo ni tiempo facturable en este período.
billing-usage-desc = Una barra por mes, { $range }. La tabla junto al gráfico contiene las mismas cifras.
billing-usage-month = Mes
billing-usage-hours = Horas por servicio
billing-usage-hours-col = Horas
billing-usage-burn-desc = Horas que quedan en el bloque después de cada uso, desde su inicio. La tabla junto al gráfico contiene las mismas cifras.
billing-usage-left = Horas restantes
billing-usage-axis-hours = { $hours } h
