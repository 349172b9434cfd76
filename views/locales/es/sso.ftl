## Inicio de sesión único: los botones de la página de inicio de sesión.

sso-sign-in-with = Iniciar sesión con { $provider }
sso-or-password = o use su correo electrónico y su contraseña
sso-only-intro = Su organización inicia sesión a través de su proveedor de identidad.

## Cuando falla un inicio de sesión a través de un proveedor de identidad.

sso-failed-title = Error al iniciar sesión
sso-failed-heading = No hemos podido iniciar su sesión con { $provider }
sso-failed-unreachable = No se pudo conectar con { $provider }. Inténtelo de nuevo dentro de unos minutos.
sso-failed-denied = El inicio de sesión se canceló en { $provider }, por lo que no se inició su sesión.
sso-failed-state = Este inicio de sesión ha caducado o ya se ha usado. Vuelva a empezar desde la página de inicio de sesión.
sso-failed-token = { $provider } envió una respuesta que no pudimos verificar, por lo que no se inició su sesión. Inténtelo de nuevo; si vuelve a ocurrir, póngase en contacto con su proveedor de servicios.
sso-failed-no-email = { $provider } no compartió su dirección de correo electrónico, que necesitamos para encontrar su cuenta.
sso-failed-unverified = { $provider } no ha verificado su dirección de correo electrónico. Verifíquela allí e inténtelo de nuevo.
sso-failed-domain = Su organización no permite que su dirección de correo electrónico inicie sesión con { $provider }.
sso-failed-no-user = No hay ninguna cuenta del portal para esta identidad de { $provider }. Pida una invitación al administrador del portal de su empresa.
sso-failed-inactive = Su cuenta del portal no está activa. Póngase en contacto con su proveedor de servicios.
sso-failed-internal = Este inicio de sesión es para clientes. Las cuentas del personal no pueden usar el portal de clientes.
sso-failed-unknown-provider = Esta opción de inicio de sesión no está disponible para su organización.
sso-failed-unavailable = Algo salió mal al iniciar su sesión. Inténtelo de nuevo.
sso-failed-reference = Referencia: { $reference }
sso-failed-retry = Volver al inicio de sesión
sso-failed-throttled = { $minutes ->
    [one] Se han intentado demasiados inicios de sesión desde su red. Inténtelo de nuevo dentro de { $minutes } minuto.
   *[other] Se han intentado demasiados inicios de sesión desde su red. Inténtelo de nuevo dentro de { $minutes } minutos.
}
