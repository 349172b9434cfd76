## La página del host canónico que lleva al usuario a la dirección propia del portal de la organización.

handoff-title = Iniciando sesión
handoff-heading = Iniciando sesión en { $name }
handoff-body = Un momento mientras terminamos de iniciar su sesión.
handoff-continue = Continuar
handoff-no-script = Si no ocurre nada, seleccione Continuar.

## Cuando no se puede completar el traspaso.

handoff-failed-title = Enlace de inicio de sesión no válido
handoff-failed-heading = Este enlace de inicio de sesión no se puede usar
handoff-failed-expired = El enlace ha caducado o ya se ha usado. Los enlaces de inicio de sesión solo pueden usarse una vez y durante poco tiempo.
handoff-failed-domain = Este enlace de inicio de sesión se creó para otra dirección.
handoff-failed-unavailable = Esta dirección del portal todavía no está lista para iniciar sesión.
handoff-failed-dns = Esta dirección del portal todavía no está configurada correctamente. Inténtelo de nuevo más tarde o póngase en contacto con su proveedor de servicios.
handoff-failed-error = Algo salió mal al iniciar su sesión. Inténtelo de nuevo.
handoff-failed-link = Por su seguridad, esta dirección no acepta enlaces de inicio de sesión. Vuelva a iniciar sesión para continuar.
handoff-failed-origin = Este inicio de sesión no procede de la página de inicio de sesión, por lo que no se aceptó. Vuelva a iniciar sesión para continuar.
handoff-failed-unfinished = No se pudo completar este inicio de sesión en este navegador. Vuelva a iniciar sesión para continuar.
handoff-failed-retry = Volver a iniciar sesión
