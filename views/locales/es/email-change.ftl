## Perfil → Perfil: la tarjeta «Correo electrónico» (cambiar el correo de inicio de sesión).

email-change-heading = Correo electrónico
email-change-current = Correo de inicio de sesión
email-change-intro = Usted inicia sesión con esta dirección, y es la que usa su proveedor de servicios para escribirle. Para cambiarla, escriba la nueva dirección y su contraseña actual: enviaremos un enlace de confirmación a la nueva dirección y avisaremos a la actual. No cambiará nada hasta que abra el enlace.
email-change-new-email = Nueva dirección de correo electrónico
email-change-current-password = Contraseña actual
email-change-submit = Enviar enlace de confirmación
email-change-sso-only = Inicia sesión a través del proveedor de identidad de su organización, por lo que su dirección se gestiona allí. Pida el cambio a su departamento de TI o a su proveedor de servicios.
email-change-pending = Confirmación enviada a { $email }: revise su bandeja de entrada. El enlace solo puede usarse una vez y es válido hasta el { $when }. Su correo de inicio de sesión seguirá siendo { $current } hasta que lo abra.
email-change-resend = Volver a enviar el enlace
email-change-cancel = Cancelar el cambio
email-change-resent = Hemos enviado un nuevo enlace de confirmación a { $email }; el anterior ya no funciona.
email-change-cancelled = Se canceló el cambio; el enlace de confirmación ya no funciona.
email-change-nothing-pending = No había ningún cambio pendiente de confirmación.
email-change-fix = Revise el formulario de la dirección de correo electrónico; no se ha guardado ni enviado nada.
email-change-error-missing = Escriba la nueva dirección de correo electrónico.
email-change-error-malformed = Escriba una dirección de correo electrónico, por ejemplo name@example.com.
email-change-error-same = Este ya es su correo de inicio de sesión.
email-change-error-taken = Otro usuario de este portal ya inicia sesión con esta dirección.
email-change-error-wrong-password = La contraseña no es correcta.
email-change-error-too-many = Se han solicitado demasiados enlaces de confirmación últimamente. Inténtelo de nuevo más tarde.
email-change-error-no-password = Su dirección la gestiona su proveedor de identidad; no se puede cambiar aquí.
email-change-error-unavailable = Esta función no está disponible temporalmente. Inténtelo de nuevo en unos momentos.

## Las páginas del enlace de confirmación.

email-change-confirm-title = Confirme su nueva dirección de correo electrónico
email-change-confirm-heading = Confirme su nueva dirección de correo electrónico
email-change-confirm-body = Pulse el botón para usar { $email } a partir de ahora para iniciar sesión en el portal de clientes de { $tenant }. Se cerrarán sus demás sesiones.
email-change-confirm-submit = Confirmar mi nueva dirección de correo electrónico
email-change-done-title = Dirección de correo electrónico cambiada
email-change-done-heading = Su dirección de correo electrónico se ha cambiado
email-change-done-body = A partir de ahora, inicie sesión con { $email }. Su contraseña y su configuración de doble factor no cambian; se cerraron sus demás sesiones.
email-change-done-profile = Volver a mi perfil
email-change-done-sign-in = Iniciar sesión
email-change-invalid-title = Este enlace no se puede usar
email-change-invalid-heading = Este enlace no se puede usar
email-change-invalid-body = El enlace de confirmación ha caducado, ya se ha usado, o se ha sustituido o cancelado. Su dirección de correo electrónico no ha cambiado. Puede solicitar un nuevo enlace desde su perfil.
email-change-taken-title = Esta dirección ya está en uso
email-change-taken-heading = Esta dirección no se puede usar
email-change-taken-body = Otro usuario de este portal inicia sesión ahora con { $email }, por lo que su dirección de correo electrónico no ha cambiado. Elija otra dirección desde su perfil.
email-change-to-profile = Ir a mi perfil

## Correos: el enlace de confirmación (a la nueva dirección) y el aviso (a la actual).

email-change-confirm-subject = Confirme su nueva dirección de correo electrónico del portal de { $tenant }
email-change-confirm-intro = Alguien, probablemente usted, ha solicitado usar esta dirección ({ $new }) en lugar de { $old } para iniciar sesión en el portal de clientes de { $tenant }.
email-change-confirm-action = Confirmar mi nueva dirección de correo electrónico
email-change-confirm-expiry = El enlace solo puede usarse una vez y caduca el { $when }. Mientras no se use, no cambiará nada.
email-change-confirm-ignore = Si usted no lo ha solicitado, ignore este correo: la dirección no se cambiará.
email-change-notice-subject = Se ha solicitado una nueva dirección de correo electrónico para su cuenta del portal de { $tenant }
email-change-notice-body = El { $when }, alguien con una sesión iniciada en su cuenta del portal de clientes de { $tenant } solicitó cambiar su dirección de correo electrónico de { $old } a { $new }. Se envió un enlace de confirmación a la nueva dirección; no cambiará nada a menos que se abra.
email-change-notice-ip = La solicitud se hizo desde la dirección IP { $ip }.
email-change-notice-not-you = Si no fue usted, inicie sesión, cancele el cambio en la página de su perfil y cambie su contraseña de inmediato; después, informe de ello a { $tenant }.
email-change-notice-action = Abrir mi perfil
