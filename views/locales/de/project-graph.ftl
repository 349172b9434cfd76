## Der Abhängigkeitsgraph der Aufgaben eines Projekts (SVG) und seine Textalternative.

project-graph-title = Abhängigkeiten der Aufgaben
project-graph-desc = { $tasks ->
    [one] Eine Aufgabe
   *[other] { $tasks } Aufgaben
}, verbunden durch { $links ->
    [one] eine Abhängigkeit
   *[other] { $links } Abhängigkeiten
}, von links nach rechts zu lesen: Jeder Pfeil zeigt von einer Aufgabe auf eine Aufgabe, die auf sie wartet. Kräftige Umrandungen markieren die längste Kette; gestrichelte Umrandungen markieren Aufgaben in einer zirkulären Abhängigkeit. Dieselben Informationen folgen als Text.
project-graph-node-done = Erledigt
project-graph-node-blocked-by = Blockiert durch: { $names }
project-graph-node-blocks = Blockiert: { $names }
project-graph-node-critical = Auf der längsten Kette
project-graph-node-cycle = Teil einer zirkulären Abhängigkeit
project-graph-text-chain = { $count ->
    [one] Längste Kette (eine Aufgabe):
   *[other] Längste Kette ({ $count } Aufgaben):
}
project-graph-text-cycle = Diese Aufgaben hängen zirkulär voneinander ab:
project-graph-text-cycle-fix = Dies ist ein Fehler im Projektplan; Ihr IT-Dienstleister muss ihn beheben.
project-graph-text-list = Abhängigkeiten der einzelnen Aufgaben
project-graph-text-done = (erledigt)
project-graph-text-depends-on = hängt ab von:
project-graph-text-blocks = blockiert:
