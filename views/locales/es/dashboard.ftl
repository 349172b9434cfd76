## Panel: la página de inicio del cliente que ha iniciado sesión.

dashboard-title = Panel
dashboard-welcome = Le damos la bienvenida, { $name }
dashboard-intro = Este es un resumen de su cuenta.
dashboard-account-heading = Resumen de la cuenta
dashboard-account-name = Nombre
dashboard-account-email = Correo electrónico
dashboard-account-company = Empresa
dashboard-last-sign-in-heading = Último inicio de sesión
dashboard-last-sign-in-at = Su inicio de sesión anterior fue el { $time }.
dashboard-first-sign-in = Este es su primer inicio de sesión.
dashboard-session-heading = Sesión actual
dashboard-session-signed-in-at = Sesión iniciada
dashboard-session-method = Método de inicio de sesión
dashboard-method-password = Correo electrónico y contraseña
dashboard-tickets-heading = Tickets de soporte
dashboard-tickets-open = { $count ->
    [one] Un ticket abierto
   *[other] { $count } tickets abiertos
}
dashboard-tickets-awaiting = { $count ->
    [0] ninguno pendiente de su respuesta
    [one] uno pendiente de su respuesta
   *[other] { $count } pendientes de su respuesta
}
dashboard-tickets-recent = Actualizados recientemente
dashboard-tickets-none = Todavía no hay tickets.
dashboard-tickets-all = Ver todos los tickets

# Actividad reciente (los últimos eventos de la empresa que el usuario puede ver).
dashboard-activity-heading = Actividad reciente
dashboard-activity-none = Todavía no ha pasado nada. Aquí aparecerán las respuestas, los cambios de estado, las facturas y las novedades de los proyectos.
dashboard-activity-reply = { $author } respondió en { $ticket }
dashboard-activity-status = { $ticket } tiene ahora el estado “{ $status }”
dashboard-activity-closed = Se cerró { $ticket } (“{ $status }”)
dashboard-activity-invoice = Factura { $number } emitida por { $total }
dashboard-activity-payment = Pago de { $amount } recibido
dashboard-activity-payment-for = Pago de { $amount } recibido para { $number }
dashboard-activity-project = El proyecto { $project } tiene ahora el estado “{ $status }”
dashboard-activity-joined = { $who } se unió al portal
