## Páginas de error. No mencione nunca detalles internos: estos textos se muestran a cualquiera.

error-status = Error { $code }
error-home-link = Ir a la página de inicio
error-bad-request-title = Solicitud incorrecta
error-bad-request-body = No se pudo interpretar la solicitud. Compruebe la dirección o vuelva atrás e inténtelo de nuevo.
error-forbidden-title = Acceso denegado
error-forbidden-body = No tiene permiso para ver esta página.
error-not-found-title = Página no encontrada
error-not-found-body = La página que busca no existe o se ha trasladado.
error-method-not-allowed-title = Acción no permitida
error-method-not-allowed-body = Esta página no se puede usar de esa manera. Vuelva atrás e inténtelo de nuevo.
error-payload-too-large-title = Solicitud demasiado grande
error-payload-too-large-body = Lo que ha enviado supera el tamaño que acepta este portal. Inténtelo de nuevo con menos datos.
error-too-many-requests-title = Demasiadas solicitudes
error-too-many-requests-body = Ha realizado demasiadas solicitudes en poco tiempo. Espere un momento e inténtelo de nuevo.
error-internal-title = Algo salió mal
error-internal-body = Se produjo un error inesperado por nuestra parte. Inténtelo de nuevo más tarde.
error-unavailable-title = No disponible temporalmente
error-unavailable-body = El portal no está disponible temporalmente. Inténtelo de nuevo en unos momentos.
