## Proyectos: lista, la página de un proyecto, tareas, documentos, la tarjeta del panel.

projects-title = Proyectos
projects-heading = Proyectos
projects-intro = Siga los proyectos de su empresa con su MSP: en qué punto está cada uno, qué viene a continuación y los documentos que lo acompañan.
projects-filter-legend = Filtrar proyectos
projects-filter-status = Estado
projects-filter-open = Abiertos
projects-filter-closed = Cerrados
projects-filter-all = Todos
projects-filter-search = Buscar
projects-filter-search-hint = Palabras del nombre, de la descripción o del código WBS.
projects-filter-sort = Ordenar por
projects-filter-direction = Orden
projects-filter-apply = Aplicar
projects-filter-clear = Borrar filtros
projects-sort-name = Nombre
projects-sort-number = Número
projects-sort-status = Estado
projects-sort-start = Fecha de inicio
projects-sort-end = Fecha de fin
projects-sort-updated = Última actualización
projects-dir-asc = Ascendente
projects-dir-desc = Descendente
projects-count = { $count ->
    [0] Ningún proyecto
    [one] Un proyecto
   *[other] { $count } proyectos
}
projects-empty = No hay proyectos que coincidan. Pruebe con otro estado o borre la búsqueda.
projects-col-number = Número
projects-col-name = Proyecto
projects-col-status = Estado
projects-col-start = Inicio
projects-col-end = Fin
projects-col-progress = Progreso
projects-pages-label = Páginas
projects-page-of = Página { $page } de { $pages }
projects-page-previous = Anterior
projects-page-next = Siguiente
projects-page-first = Primera
projects-page-last = Última
projects-closed-badge = Cerrado
projects-progress = { $done } de { $total ->
    [one] { $total } tarea completada
   *[other] { $total } tareas completadas
} ({ $percent } %)
projects-no-tasks = Todavía no hay tareas
projects-wbs = WBS { $code }
projects-back = Todos los proyectos
projects-fact-status = Estado
projects-fact-start = Inicio
projects-fact-end = Fin
projects-fact-completion = Avance
projects-fact-budget = Horas presupuestadas
projects-fact-logged = Tiempo registrado
projects-hours = { $hours } h
projects-description = Acerca de este proyecto
projects-phases = Fases
projects-tasks = Tareas
projects-view-label = Mostrar las tareas como
projects-view-kanban = Tablero
projects-view-list = Lista
projects-column-count = { $count ->
    [one] 1 tarea
   *[other] { $count } tareas
}
projects-column-empty = No hay tareas aquí.
projects-no-phase = Sin fase
projects-task-due = Vencimiento
projects-task-status = Estado
projects-task-assignee = Asignada a
projects-task-estimated = Estimación
projects-task-actual = Tiempo dedicado
projects-task-priority = Prioridad
projects-task-checklist = Lista de comprobación
projects-task-services = Servicios
projects-task-depends-on = Depende de
projects-task-blocks = Bloquea
projects-task-related = Relacionada con
projects-task-documents = Documentos:
projects-overdue = Atrasada
projects-dependencies = Dependencias
projects-dependencies-intro = Qué tareas esperan a cuáles. Se resalta la cadena más larga de tareas que deben terminarse una tras otra.
projects-documents = Documentos
projects-documents-none = Todavía no se ha compartido ningún documento en este proyecto.
projects-document-meta = { $size }, añadido por { $by }
projects-document-of-task = en “{ $task }”
projects-upload-label = Añadir un documento
projects-upload-hint = Hasta { $count } archivos de { $megabytes } MB como máximo cada uno.
projects-upload-submit = Subir
projects-uploaded = Se añadió su documento. Su MSP también puede verlo.
projects-upload-error-required = Elija un archivo para subir.
projects-upload-error-too-large = Un archivo supera los { $megabytes } MB. No se subió nada.
projects-upload-error-empty = Un archivo está vacío. No se subió nada.
projects-upload-error-storage-full = Ahora mismo no hay espacio para guardar archivos. No se subió nada; inténtelo de nuevo más tarde.
projects-upload-error-too-many = { $count ->
    [one] Suba los archivos de uno en uno.
   *[other] Suba como máximo { $count } archivos a la vez.
}
projects-upload-error-name = No se pudo usar el nombre de un archivo. Cambie el nombre del archivo e inténtelo de nuevo.
projects-tasks-hidden = Su MSP no comparte las tareas de este proyecto en el portal.
projects-card-heading = Proyectos activos
projects-card-active = { $count ->
    [0] Ningún proyecto abierto
    [one] Un proyecto abierto
   *[other] { $count } proyectos abiertos
}
projects-card-next-due = Próximo vencimiento:
projects-card-no-due = No hay próximos vencimientos de tareas.
