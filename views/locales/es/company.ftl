## Configuración de la empresa (administradores del cliente).

company-title = Empresa
company-heading = { $company }
company-intro = Los usuarios del portal de su empresa, dónde tienen la sesión iniciada y sus inicios de sesión recientes.
company-users-heading = Usuarios del portal
company-user-name = Nombre
company-user-email = Correo electrónico
company-user-role = Rol
company-user-two-factor = Doble factor
company-user-last-sign-in = Último inicio de sesión
company-user-sessions = Sesiones activas
company-role-admin = Administrador
company-role-finance = Finanzas
company-role-user = Usuario
company-inactive = Inactivo
company-yes = Activada
company-no = Desactivada
company-never = Nunca
company-sign-out-user = Cerrar todas sus sesiones
company-sessions-heading = Sesiones activas
company-sessions-none = Nadie de su empresa tiene la sesión iniciada en este momento.
company-session-user = Usuario
company-session-device = Dispositivo
company-session-ip = Dirección IP
company-session-method = Método de inicio de sesión
company-session-last-active = Última actividad
company-session-revoke = Cerrar sesión
company-session-yours = Usted, aquí
company-events-heading = Inicios de sesión y cambios de cuenta recientes
company-events-none = Todavía no hay inicios de sesión.
company-event-time = Cuándo
company-event-who = Correo electrónico
company-event-outcome = Resultado
company-event-ip = Dirección IP
company-outcome-success = Sesión iniciada
company-outcome-failure = Fallido
company-outcome-second-factor = Contraseña correcta; se solicitó el segundo factor
company-notice-session = Se cerró la sesión.
company-notice-user = { $count ->
    [one] Se cerró 1 sesión.
   *[other] Se cerraron { $count } sesiones.
}
company-unknown = Desconocido
company-manage-user = Gestionar
company-event-two-factor = Cambio en la obligatoriedad del doble factor
company-two-factor-heading = Doble factor para todos
company-two-factor-require = Exigir la autenticación de dos factores a todas las personas de su empresa
company-two-factor-hint = Quien no la tenga la configurará la próxima vez que inicie sesión. No afecta a quienes ya la usan.
company-two-factor-save = Guardar
company-notice-two-factor = Guardado: la obligatoriedad del doble factor se aplica a partir del próximo inicio de sesión de cada persona.
company-event-role-changed = Rol cambiado por un administrador
company-event-deactivated = Desactivado por un administrador
company-event-reactivated = Reactivado por un administrador
company-event-reset-sent = Enlace de restablecimiento de contraseña enviado por un administrador
company-event-signed-out = Se cerró una sesión
company-event-profile-updated = Perfil actualizado

## Un usuario del portal de la empresa.

member-back = ← Todos los usuarios del portal
member-facts-heading = Cuenta
member-email = Correo electrónico
member-status = Estado
member-active = Activa
member-inactive = Desactivada
member-two-factor = Doble factor
member-last-sign-in = Último inicio de sesión
member-sessions = Sesiones activas
member-role-heading = Rol
member-role-legend = Lo que esta persona puede hacer en el portal
member-role-admin-hint = Todo, incluida la gestión de los usuarios y la configuración del portal de su empresa.
member-role-finance-hint = Facturas, pagos y consumo, además de tickets de soporte y proyectos.
member-role-user-hint = Tickets de soporte y proyectos; sin facturación ni configuración de la empresa.
member-role-save = Guardar rol
member-access-heading = Acceso
member-deactivate-hint = Al desactivar a una persona, se cierran sus sesiones de inmediato y no puede iniciar sesión hasta que se la reactive. Sus tickets y su historial se conservan.
member-deactivate = Desactivar
member-reactivate-hint = Esta persona está desactivada y no puede iniciar sesión.
member-reactivate = Reactivar
member-you-hint = Se trata de usted: si renuncia al rol de Administrador, perderá de inmediato el acceso a la configuración de la empresa.
member-notice-role = Se cambió el rol. Se aplicará a partir de la próxima página que abra esta persona.
member-notice-deactivated = Desactivada: se cerraron todas sus sesiones.
member-notice-reactivated = Reactivada: puede volver a iniciar sesión.
member-notice-unchanged = No había ningún cambio.
member-error-last-admin = Su empresa necesita al menos un administrador activo y este es el único. Primero nombre administrador a otra persona.
member-error-conflict = Otra persona cambió el rol de este usuario en ese mismo momento. Revíselo y vuelva a intentarlo.
member-error-bad-role = Elija uno de los tres roles.
member-reset-heading = Contraseña
member-reset-hint = Enviar a { $email } un enlace para establecer una nueva contraseña. Su contraseña actual seguirá funcionando hasta que use el enlace.
member-reset = Enviar un enlace de restablecimiento de contraseña
member-notice-reset = El enlace de restablecimiento de contraseña está en camino.
member-error-inactive = Esta persona está desactivada: primero reactívela.

## Los datos de la empresa en la configuración de la empresa.

company-details-heading = Datos de la empresa
company-details-kept = Su proveedor de servicios mantiene estos datos. ¿Hay algún dato desactualizado? Comuníqueselo y lo corregirá.
company-details-edit-hint = Se informa a su proveedor de servicios de cada cambio.
company-details-phone = Teléfono
company-details-email = Correo electrónico
company-details-website = Sitio web
company-details-address = Dirección de facturación
company-details-line1 = Calle y número
company-details-line2 = Línea 2 de la dirección
company-details-postal-code = Código postal
company-details-city = Ciudad
company-details-region = Región, provincia o estado
company-details-country = País
company-details-save = Guardar los datos de la empresa
company-details-not-on-file = No registrado
company-details-error-phone = Este número de teléfono es demasiado largo o contiene caracteres no permitidos.
company-details-error-email = Escriba una dirección de correo electrónico, por ejemplo accounts@example.com.
company-details-error-website = Escriba una dirección web, por ejemplo https://www.example.com.
company-details-error-line = Esta línea es demasiado larga o contiene caracteres no permitidos.
company-notice-details = Se guardaron los datos de la empresa y se informó a su proveedor de servicios.
company-notice-details-unchanged = No había ningún cambio en los datos de la empresa.
company-event-company-updated = Datos de la empresa modificados
