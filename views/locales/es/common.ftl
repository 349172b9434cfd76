## Estructura de la página: enlace para saltar, encabezado, navegación, pie de página.

common-skip-to-content = Saltar al contenido principal
common-nav-label = Navegación principal
common-nav-dashboard = Panel
common-nav-tickets = Tickets
common-nav-profile = Perfil
common-nav-company = Empresa
common-nav-projects = Proyectos
common-nav-billing = Facturación
common-signed-in-as = Sesión iniciada como
common-sign-out = Cerrar sesión
common-footer-help = ¿Necesita ayuda? Póngase en contacto con su proveedor de servicios.

## Fechas y horas: un instante en la zona horaria del lector, con la abreviatura de la zona.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Preferencias de visualización
common-display-theme = Apariencia
common-display-theme-auto = Automática
common-display-theme-light = Clara
common-display-theme-dark = Oscura
common-display-language = Idioma
common-display-apply = Aplicar
