## El segundo paso del inicio de sesión.

two-factor-title = Verificación de dos factores
two-factor-heading = Hola, { $name }: confirme su identidad
two-factor-intro = Escriba el código de seis dígitos de su aplicación de autenticación.
two-factor-code-label = Código
two-factor-code-hint = ¿Ha perdido su dispositivo? Escriba en su lugar uno de sus códigos de recuperación.
two-factor-submit = Verificar

## Activación (al iniciar sesión cuando es obligatoria, o desde la página Seguridad).

two-factor-enroll-title = Configurar la autenticación de dos factores
two-factor-enroll-heading = Configurar la autenticación de dos factores
two-factor-enroll-required = Su organización exige la autenticación de dos factores. Configúrela para continuar.
two-factor-enroll-step-scan = 1. Escanee este código QR con una aplicación de autenticación (por ejemplo, Google Authenticator, Microsoft Authenticator o 1Password).
two-factor-enroll-qr-label = Código QR para su aplicación de autenticación
two-factor-enroll-secret-label = ¿No puede escanearlo? Escriba esta clave en su lugar:
two-factor-enroll-step-confirm = 2. Escriba el código de seis dígitos que muestra la aplicación para confirmar.
two-factor-enroll-submit = Activar el doble factor

## Códigos de recuperación, mostrados una sola vez.

two-factor-codes-title = Sus códigos de recuperación
two-factor-codes-heading = Guarde sus códigos de recuperación
two-factor-codes-intro = Cada código le permite iniciar sesión una vez si pierde su aplicación de autenticación. Guárdelos en un lugar seguro: no se volverán a mostrar.
two-factor-codes-continue = Ya los he guardado, continuar

## Errores.

two-factor-error-invalid = Ese código no es válido. Compruebe la hora de su dispositivo e inténtelo de nuevo.
two-factor-error-replay = Ese código ya se ha usado. Espere al siguiente código e inténtelo de nuevo.
two-factor-error-expired = Su inicio de sesión tardó demasiado o ya se completó.
two-factor-error-setup-expired = Esta configuración ha caducado. Escanee el nuevo código QR de abajo y escriba el código que se muestre.
two-factor-error-csrf = El formulario ha caducado. Inténtelo de nuevo.
two-factor-error-unavailable = La verificación de dos factores no está disponible temporalmente. Inténtelo de nuevo en unos momentos.
two-factor-expired-heading = Vuelva a iniciar sesión
two-factor-expired-body = Por su seguridad, el segundo paso del inicio de sesión debe completarse pocos minutos después del primero.
two-factor-expired-link = Ir al inicio de sesión
two-factor-error-throttled = { $minutes ->
    [one] Demasiados intentos fallidos de inicio de sesión; inténtelo de nuevo en 1 minuto.
   *[other] Demasiados intentos fallidos de inicio de sesión; inténtelo de nuevo en { $minutes } minutos.
}
