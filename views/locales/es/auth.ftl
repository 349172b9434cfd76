## Página de inicio de sesión.

signin-title = Iniciar sesión
signin-heading = Iniciar sesión en { $name }
signin-intro = Use la dirección de correo electrónico y la contraseña de su cuenta de cliente.
signin-email-label = Correo electrónico
signin-password-label = Contraseña
signin-submit = Iniciar sesión

## Errores de inicio de sesión, mostrados en una alerta sobre el formulario.

signin-error-invalid-credentials = Correo electrónico o contraseña incorrectos
signin-error-access-denied = Acceso denegado. Este portal es solo para cuentas de clientes; el personal del MSP inicia sesión en la aplicación del MSP.
signin-error-missing-fields = Escriba su correo electrónico y su contraseña.
signin-error-csrf-failed = El formulario de inicio de sesión ha caducado. Inténtelo de nuevo.
signin-error-unavailable = El inicio de sesión no está disponible temporalmente. Inténtelo de nuevo en unos momentos.
signin-error-throttled = { $minutes ->
    [one] Demasiados intentos fallidos de inicio de sesión; inténtelo de nuevo en { $minutes } minuto
   *[other] Demasiados intentos fallidos de inicio de sesión; inténtelo de nuevo en { $minutes } minutos
}
signin-error-sso-only = Su organización inicia sesión a través de su proveedor de identidad: use el botón de arriba.

## Avisos de inicio de sesión, mostrados como mensaje de estado sobre el formulario.

signin-notice-signed-out = Se ha cerrado su sesión.
signin-notice-session-expired = Su sesión ha caducado. Vuelva a iniciar sesión.
