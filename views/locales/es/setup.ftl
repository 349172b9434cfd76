## Configuración de la cuenta a partir de una invitación.

setup-title = Configurar su cuenta
setup-heading = Configure su cuenta del portal de { $name }
setup-who = Está configurando la cuenta del portal de { $name } ({ $email }) en { $company }.
setup-role-admin = Tendrá el rol de administrador del portal de su empresa.
setup-role-finance = Se encargará de la facturación de su empresa en el portal.
setup-submit = Establecer la contraseña e iniciar sesión
setup-expired-heading = Esta invitación ha caducado
setup-expired-body = Los enlaces de invitación son válidos durante un tiempo limitado. Solicite uno nuevo a continuación y se enviará a la dirección de correo electrónico invitada.
setup-used-heading = Esta invitación ya se ha usado
setup-used-body = La cuenta ya está configurada. Inicie sesión con su correo electrónico y su contraseña, o restablezca la contraseña si la ha olvidado.
setup-invalid-heading = Este enlace de invitación no funciona
setup-invalid-body = El enlace está incompleto o se ha sustituido por una invitación más reciente. Use el correo de invitación más reciente o pida al administrador del portal de su empresa que vuelva a invitarle.
setup-request-new = Enviarme una nueva invitación
setup-requested = Si la invitación se puede renovar, se está enviando un nuevo enlace a la dirección de correo electrónico invitada.
setup-sign-in = Ir al inicio de sesión

## La sección de invitaciones de la página de la empresa.

setup-invite-heading = Invitar a personas
setup-invite-intro = Contactos de su empresa que todavía no tienen cuenta en el portal. La invitación les envía por correo un enlace para establecer su contraseña; solo puede usarse una vez.
setup-invite-none = Todos los contactos de su empresa tienen cuenta en el portal.
setup-invite-pending = Invitación enviada; enlace válido hasta el
setup-invite-send = Invitar
setup-invite-resend = Enviar un nuevo enlace
setup-invite-sent = Se envió una invitación a { $email }.
setup-invite-name = Nombre
setup-invite-email = Correo electrónico
setup-invite-status = Estado
setup-invite-not-invited = Sin invitar
