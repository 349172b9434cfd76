## Correos: elementos compartidos.

email-greeting = Hola, { $name }:
email-greeting-anonymous = Hola:
email-signature = { $name }
email-automated = El portal de clientes envió este correo automáticamente. Las respuestas no se leen.

## Enlace para restablecer la contraseña.

email-reset-subject = Restablezca la contraseña de su portal de { $tenant }
email-reset-intro = Alguien, probablemente usted, ha solicitado restablecer la contraseña de su cuenta del portal de clientes de { $tenant }.
email-reset-action = Establecer una nueva contraseña
email-reset-expiry = El enlace solo puede usarse una vez y caduca en { $minutes } minutos.
email-reset-ignore = Si usted no lo ha solicitado, ignore este correo: su contraseña seguirá siendo la misma.

## Aviso de que se cambió una contraseña.

email-changed-subject = Se cambió la contraseña de su portal de { $tenant }
email-changed-body = La contraseña de su cuenta del portal de clientes de { $tenant } se cambió el { $when }.
email-changed-ip = El cambio se hizo desde la dirección IP { $ip }.
email-changed-signed-out = Se han cerrado todas las sesiones de su cuenta.
email-changed-not-you = Si no fue usted, solicite de inmediato un nuevo restablecimiento de contraseña con el enlace de abajo e informe de ello a { $tenant }.
email-changed-action = Restablecer mi contraseña

## Buscar su organización: los enlaces de inicio de sesión de todas las organizaciones con una cuenta.

email-discovery-subject = Sus enlaces de inicio de sesión en el portal de clientes
email-discovery-intro = Ha preguntado en qué portales de clientes puede iniciar sesión { $email }. Estos son sus enlaces de inicio de sesión:
email-discovery-ignore = Si usted no lo ha solicitado, puede ignorar este correo.

## Invitación para configurar una cuenta.

email-invitation-subject = Le invitamos al portal de clientes de { $tenant }
email-invitation-intro = { $tenant } le invita a su portal de clientes, donde podrá seguir sus tickets, proyectos y facturas.
email-invitation-action = Configurar mi cuenta
email-invitation-expiry = El enlace solo puede usarse una vez y caduca el { $when }.
email-invitation-ignore = Si no esperaba esta invitación, ignore este correo.

## A los administradores de una empresa: un compañero pidió que se eliminara su cuenta del portal.

email-deletion-subject = { $who } ha solicitado que se elimine su cuenta del portal
email-deletion-body = { $who } solicitó a { $tenant }, desde su perfil el { $when }, que eliminara su cuenta del portal.
email-deletion-next = { $tenant } decidirá y se encargará de ello. Mientras tanto, la cuenta se mantiene tal como está; puede desactivarla de inmediato desde la configuración de su empresa.
email-deletion-action = Abrir su página en la configuración de la empresa
