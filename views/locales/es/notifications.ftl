# Correos de notificación (respuestas del MSP, tickets cerrados, nuevas facturas, invitaciones aceptadas), las
# páginas para darse de baja y las preferencias de notificación del perfil.

notify-reply-subject = Nueva respuesta en el ticket { $number }: { $title }
notify-replies-subject = { $count ->
    [one] Una respuesta más en el ticket { $number }: { $title }
   *[other] { $count } respuestas más en el ticket { $number }: { $title }
}
notify-reply-intro = { $tenant } respondió a su ticket { $number } “{ $title }”.
notify-replies-intro = { $count ->
    [one] { $tenant } añadió una respuesta más a su ticket { $number } “{ $title }”.
   *[other] { $tenant } añadió { $count } respuestas más a su ticket { $number } “{ $title }”.
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = Puede contestar en la página del ticket o responder a este correo para comunicarse con el servicio de soporte.
notify-reply-action = Abrir el ticket
notify-closed-subject = Se cerró el ticket { $number }: { $title }
notify-closed-body = { $tenant } cerró su ticket { $number } “{ $title }” el { $when } (estado: { $status }).
notify-closed-reopen = Si el problema no está resuelto, abra el ticket y reábralo, o responda a este correo.
notify-invoice-subject = Nueva factura { $number } de { $tenant }
notify-invoice-body = { $tenant } emitió la factura { $number } por { $total }.
notify-invoice-due = Vence el { $due }.
notify-invoice-action = Ver la factura
notify-accepted-subject = { $who } se unió al portal de su empresa
notify-accepted-body = { $who } aceptó su invitación y ya puede iniciar sesión en el portal de clientes de { $tenant }.
notify-accepted-action = Abrir su página en la configuración de la empresa
notify-unsubscribe = Dejar de recibir estos correos

# Cómo se llama cada tipo (preferencias del perfil, páginas para darse de baja).
notify-kind-ticket_reply = Respuestas de { $tenant } en mis tickets
notify-kind-ticket_closed = Mis tickets cerrados por { $tenant }
notify-kind-invoice_finalized = Nuevas facturas
notify-kind-invitation_accepted = Personas que invité y que se unieron al portal

# Tarjeta del perfil.
notify-card-title = Notificaciones por correo electrónico
notify-card-intro = Elija sobre qué le escribe { $tenant }. Los correos de seguridad (cambios de contraseña, enlaces de inicio de sesión) se envían siempre.
notify-card-save = Guardar preferencias de notificación
notify-saved = Se guardaron sus preferencias de notificación.
notify-card-none = No hay correos de notificación para su rol.

# Páginas para darse de baja (sin iniciar sesión).
unsubscribe-title = Darse de baja
unsubscribe-confirm = ¿Dejar de recibir correos sobre: { $kind }?
unsubscribe-confirm-hint = Solo se dejará de enviar este tipo de correo; puede volver a activarlo desde su perfil.
unsubscribe-button = Darse de baja
unsubscribe-done = Ya no recibirá correos sobre: { $kind }.
unsubscribe-done-hint = ¿Ha cambiado de opinión? Inicie sesión y vuelva a activarlo en Perfil.
unsubscribe-invalid = Este enlace para darse de baja no es válido. Inicie sesión y elija sus correos en Perfil.
unsubscribe-sign-in = Iniciar sesión
