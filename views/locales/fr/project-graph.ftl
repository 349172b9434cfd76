## Le graphe des dépendances entre les tâches d’un projet (SVG) et son équivalent textuel.

project-graph-title = Dépendances entre les tâches
project-graph-desc = { $tasks ->
    [one] { $tasks } tâche reliée
   *[other] { $tasks } tâches reliées
} par { $links ->
    [one] { $links } dépendance
   *[other] { $links } dépendances
}, à lire de gauche à droite : chaque flèche part d’une tâche et pointe vers une tâche qui l’attend. Les contours épais signalent la chaîne la plus longue ; les contours en pointillés signalent les tâches prises dans une boucle de dépendances. Les mêmes informations suivent sous forme de texte.
project-graph-node-done = Terminée
project-graph-node-blocked-by = Bloquée par : { $names }
project-graph-node-blocks = Bloque : { $names }
project-graph-node-critical = Sur la chaîne la plus longue
project-graph-node-cycle = Fait partie d’une boucle de dépendances
project-graph-text-chain = { $count ->
    [one] Chaîne la plus longue ({ $count } tâche) :
   *[other] Chaîne la plus longue ({ $count } tâches) :
}
project-graph-text-cycle = Ces tâches dépendent les unes des autres en boucle :
project-graph-text-cycle-fix = Il s’agit d’une erreur dans le plan du projet ; votre prestataire doit la corriger.
project-graph-text-list = Dépendances de chaque tâche
project-graph-text-done = (terminée)
project-graph-text-depends-on = dépend de :
project-graph-text-blocks = bloque :
