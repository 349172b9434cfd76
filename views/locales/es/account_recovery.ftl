## Compartido por los formularios que solicitan un correo electrónico.

recovery-email-label = Correo electrónico
recovery-back-to-sign-in = Volver al inicio de sesión
recovery-forgot-link = ¿Olvidó su contraseña?
recovery-error-csrf = Este formulario ha caducado. Inténtelo de nuevo.
recovery-error-email-missing = Escriba su dirección de correo electrónico.
recovery-error-too-many = Demasiadas solicitudes para esta dirección o desde esta red. Inténtelo de nuevo más tarde.
recovery-error-unavailable = Esta función no está disponible temporalmente. Inténtelo de nuevo en unos momentos.

## Contraseña olvidada: solicitar un enlace de restablecimiento.

forgot-title = Restablecer la contraseña
forgot-heading = Restablecer la contraseña
forgot-intro = Escriba la dirección de correo electrónico de su cuenta del portal de clientes de { $name }. Le enviaremos por correo un enlace para elegir una nueva contraseña.
forgot-submit = Enviarme un enlace de restablecimiento
forgot-sent-title = Revise su correo electrónico
forgot-sent-heading = Revise su correo electrónico
forgot-sent-body = Si esa dirección pertenece a una cuenta de este portal, le hemos enviado un enlace para elegir una nueva contraseña. El enlace solo puede usarse una vez y caduca en { $minutes } minutos.
forgot-sent-help = ¿No ha recibido nada después de unos minutos? Revise la carpeta de correo no deseado, compruebe que escribió la dirección que usa su cuenta o consulte a su proveedor de servicios.

## Establecer una nueva contraseña desde un enlace de restablecimiento.

reset-title = Elegir una nueva contraseña
reset-heading = Elija una nueva contraseña para { $name }
reset-intro = La nueva contraseña sustituye a la anterior y se cierran todas las sesiones de su cuenta.
reset-password-label = Nueva contraseña
reset-confirm-label = Repita la nueva contraseña
reset-hint = Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura y fácil de recordar.
reset-submit = Establecer la nueva contraseña
reset-done-title = Contraseña cambiada
reset-done-heading = Su contraseña se ha cambiado
reset-done-body = Su nueva contraseña ya está establecida y se han cerrado todas las sesiones de su cuenta. Inicie sesión con la nueva contraseña.
reset-done-sign-in = Iniciar sesión
reset-invalid-title = Este enlace no se puede usar
reset-invalid-heading = Este enlace no se puede usar
reset-invalid-body = El enlace para restablecer la contraseña ha caducado, ya se ha usado o se ha sustituido por otro más reciente. Solicite un nuevo enlace para continuar.
reset-invalid-action = Solicitar un nuevo enlace

## Por qué se rechazó una nueva contraseña.


## Buscar su organización: la página de inicio de sesión sin organización.

find-org-title = Buscar su organización
find-org-heading = Busque el portal de su organización
find-org-intro = Para iniciar sesión, use el enlace al portal que le dio su proveedor de servicios. ¿No lo encuentra? Escriba su dirección de correo electrónico y le enviaremos los enlaces de inicio de sesión de todas las organizaciones en las que tenga una cuenta del portal de clientes.
find-org-submit = Enviarme mis enlaces de inicio de sesión
find-org-help = También puede pedir a su proveedor de servicios que le vuelva a enviar el enlace al portal.
find-org-sent-title = Revise su correo electrónico
find-org-sent-heading = Revise su correo electrónico
find-org-sent-body = Si esa dirección tiene cuentas en el portal de clientes, le hemos enviado sus enlaces de inicio de sesión.
