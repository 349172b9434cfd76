## El grafo de dependencias entre las tareas de un proyecto (SVG) y su alternativa en texto.

project-graph-title = Dependencias entre tareas
project-graph-desc = { $tasks ->
    [one] Una tarea vinculada
   *[other] { $tasks } tareas vinculadas
} por { $links ->
    [one] una dependencia
   *[other] { $links } dependencias
}; el grafo se lee de izquierda a derecha: cada flecha va de una tarea a otra que la espera. Los contornos gruesos marcan la cadena más larga; los contornos discontinuos marcan las tareas atrapadas en un ciclo de dependencias. A continuación se ofrece la misma información en texto.
project-graph-node-done = Completada
project-graph-node-blocked-by = Bloqueada por: { $names }
project-graph-node-blocks = Bloquea: { $names }
project-graph-node-critical = En la cadena más larga
project-graph-node-cycle = Forma parte de un ciclo de dependencias
project-graph-text-chain = { $count ->
    [one] Cadena más larga (una tarea):
   *[other] Cadena más larga ({ $count } tareas):
}
project-graph-text-cycle = Estas tareas dependen unas de otras en un ciclo:
project-graph-text-cycle-fix = Se trata de un error en la planificación del proyecto; su proveedor de servicios debe corregirlo.
project-graph-text-list = Dependencias de cada tarea
project-graph-text-done = (completada)
project-graph-text-depends-on = depende de:
project-graph-text-blocks = bloquea:
