## Perfil → Seguridad.

security-title = Seguridad
security-intro = Gestione cómo inicia sesión y dónde tiene la sesión iniciada.
security-two-factor-heading = Autenticación de dos factores
security-two-factor-on = La autenticación de dos factores está activada desde el
security-two-factor-off = La autenticación de dos factores está desactivada. Actívela para que una contraseña robada no baste para iniciar sesión en su nombre.
security-two-factor-codes-left = { $count ->
    [one] Le queda 1 código de recuperación sin usar.
   *[other] Le quedan { $count } códigos de recuperación sin usar.
}
security-two-factor-set-up = Configurar el doble factor
security-two-factor-disable-heading = Desactivar el doble factor
security-two-factor-disable = Desactivar el doble factor
security-password-heading = Cambiar la contraseña
security-current-password = Contraseña actual
security-new-password = Nueva contraseña
security-confirm-password = Repita la nueva contraseña
security-password-rules = De 12 a 128 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura; evite su nombre y su correo electrónico.
security-sign-out-others = Cerrar mis demás sesiones
security-change-password = Cambiar la contraseña
security-sessions-heading = Dónde tiene la sesión iniciada
security-sessions-intro = Estos dispositivos tienen una sesión iniciada en su cuenta. Si no reconoce alguno, cierre su sesión y cambie su contraseña.
security-session-device = Dispositivo
security-session-ip = Dirección IP
security-session-method = Método de inicio de sesión
security-session-signed-in = Sesión iniciada
security-session-last-active = Última actividad
security-session-current = Este dispositivo
security-session-revoke = Cerrar sesión
security-session-unknown = Desconocido
security-revoke-others-heading = Cerrar sesión en todos los demás lugares
security-revoke-others-proof = Confirme con su contraseña o con un código de doble factor.
security-revoke-others = Cerrar todas las demás sesiones
security-password-or-code = Contraseña o código de doble factor
security-enroll-cancel = Cancelar
security-codes-back = Volver a Seguridad
security-notice-password-changed = { $count ->
    [0] Se cambió su contraseña.
    [one] Se cambió su contraseña y se cerró 1 sesión más.
   *[other] Se cambió su contraseña y se cerraron otras { $count } sesiones.
}
security-notice-two-factor-on = La autenticación de dos factores está activada.
security-notice-two-factor-off = La autenticación de dos factores está desactivada.
security-notice-session-revoked = Se cerró la sesión.
security-notice-others-revoked = { $count ->
    [one] Se cerró otra sesión.
   *[other] Se cerraron otras { $count } sesiones.
}
security-error-wrong-password = La contraseña no es correcta.
security-error-mismatch = Las dos contraseñas nuevas no coinciden.
security-error-missing = Escriba la nueva contraseña dos veces.
security-error-too-short = La contraseña debe tener al menos 12 caracteres.
security-error-too-long = La contraseña debe tener como máximo 128 caracteres.
security-error-contains-email = La contraseña no debe contener su dirección de correo electrónico.
security-error-contains-name = La contraseña no debe contener su nombre.
security-error-too-weak = Esta contraseña es demasiado fácil de adivinar. Pruebe con unas cuantas palabras sin relación entre sí.
security-error-needs-proof = Escriba su contraseña o un código de doble factor vigente.
security-error-csrf = El formulario ha caducado. Inténtelo de nuevo.
security-error-unavailable = Esta función no está disponible temporalmente. Inténtelo de nuevo en unos momentos.
security-error-throttled = { $minutes ->
    [one] Demasiadas contraseñas o códigos incorrectos; inténtelo de nuevo en 1 minuto.
   *[other] Demasiadas contraseñas o códigos incorrectos; inténtelo de nuevo en { $minutes } minutos.
}
security-method-password = Contraseña
security-method-password-totp = Contraseña y código de la aplicación de autenticación
security-method-password-recovery = Contraseña y código de recuperación

## Métodos de inicio de sesión mediante inicio de sesión único, y las identidades vinculadas.

security-method-oidc = Inicio de sesión único
security-method-oidc-totp = Inicio de sesión único y código de la aplicación de autenticación
security-method-oidc-recovery = Inicio de sesión único y código de recuperación
security-identities-heading = Inicio de sesión único
security-identities-intro = Estas cuentas de los proveedores de identidad de su organización inician sesión en esta cuenta del portal. Si quita una, ya no podrá iniciar sesión aquí con ella; si vuelve a iniciar sesión con ella, se vinculará de nuevo cuando su dirección de correo electrónico coincida.
security-identity-provider = Proveedor
security-identity-email = Correo electrónico en el proveedor
security-identity-linked = Vinculada
security-identity-last-used = Último uso
security-identity-unlink = Quitar
security-notice-identity-unlinked = Se quitó la identidad de inicio de sesión único de su cuenta.
