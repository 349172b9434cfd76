## Projets : liste, page d’un projet, tâches, documents, carte du tableau de bord.

projects-title = Projets
projects-heading = Projets
projects-intro = Suivez les projets que votre entreprise mène avec votre prestataire : où en est chacun, ce qui vient ensuite, et les documents associés.
projects-filter-legend = Filtrer les projets
projects-filter-status = Statut
projects-filter-open = Ouverts
projects-filter-closed = Fermés
projects-filter-all = Tous
projects-filter-search = Rechercher
projects-filter-search-hint = Des mots du nom, de la description ou du code WBS.
projects-filter-sort = Trier par
projects-filter-direction = Ordre
projects-filter-apply = Appliquer
projects-filter-clear = Effacer les filtres
projects-sort-name = Nom
projects-sort-number = Numéro
projects-sort-status = Statut
projects-sort-start = Date de début
projects-sort-end = Date de fin
projects-sort-updated = Dernière mise à jour
projects-dir-asc = Croissant
projects-dir-desc = Décroissant
projects-count = { $count ->
    [0] Aucun projet
    [one] Un projet
   *[other] { $count } projets
}
projects-empty = Aucun projet ne correspond. Essayez un autre statut ou effacez la recherche.
projects-col-number = Numéro
projects-col-name = Projet
projects-col-status = Statut
projects-col-start = Début
projects-col-end = Fin
projects-col-progress = Avancement
projects-pages-label = Pages
projects-page-of = Page { $page } sur { $pages }
projects-page-previous = Précédente
projects-page-next = Suivante
projects-page-first = Première
projects-page-last = Dernière
projects-closed-badge = Fermé
projects-progress = { $done } sur { $total ->
    [one] { $total } tâche terminée
   *[other] { $total } tâches terminées
} ({ $percent } %)
projects-no-tasks = Aucune tâche pour le moment
projects-wbs = WBS { $code }
projects-back = Tous les projets
projects-fact-status = Statut
projects-fact-start = Début
projects-fact-end = Fin
projects-fact-completion = Avancement
projects-fact-budget = Heures budgétées
projects-fact-logged = Temps saisi
projects-hours = { $hours } h
projects-description = À propos de ce projet
projects-phases = Phases
projects-tasks = Tâches
projects-view-label = Afficher les tâches en
projects-view-kanban = Tableau
projects-view-list = Liste
projects-column-count = { $count ->
    [one] { $count } tâche
   *[other] { $count } tâches
}
projects-column-empty = Aucune tâche ici.
projects-no-phase = Hors phase
projects-task-due = Échéance
projects-task-status = Statut
projects-task-assignee = Attribuée à
projects-task-estimated = Estimation
projects-task-actual = Temps passé
projects-task-priority = Priorité
projects-task-checklist = Liste de contrôle
projects-task-services = Services
projects-task-depends-on = Dépend de
projects-task-blocks = Bloque
projects-task-related = Liée à
projects-task-documents = Documents :
projects-overdue = En retard
projects-dependencies = Dépendances
projects-dependencies-intro = Quelles tâches attendent lesquelles. La plus longue chaîne de tâches devant se terminer l’une après l’autre est mise en évidence.
projects-documents = Documents
projects-documents-none = Aucun document n’a encore été partagé sur ce projet.
projects-document-meta = { $size }, ajouté par { $by }
projects-document-of-task = pour la tâche « { $task } »
projects-upload-label = Ajouter un document
projects-upload-hint = Jusqu’à { $count } fichiers de { $megabytes } Mo maximum chacun.
projects-upload-submit = Envoyer
projects-uploaded = Votre document a été ajouté. Votre prestataire peut également le consulter.
projects-upload-error-required = Choisissez un fichier à envoyer.
projects-upload-error-too-large = Un fichier dépasse { $megabytes } Mo. Aucun fichier n’a été envoyé.
projects-upload-error-empty = Un fichier est vide. Aucun fichier n’a été envoyé.
projects-upload-error-storage-full = Il n’y a pas de place pour enregistrer des fichiers pour le moment. Aucun fichier n’a été envoyé ; réessayez plus tard.
projects-upload-error-too-many = { $count ->
    [one] Envoyez un seul fichier à la fois.
   *[other] Envoyez au maximum { $count } fichiers à la fois.
}
projects-upload-error-name = Un nom de fichier n’a pas pu être utilisé. Renommez le fichier et réessayez.
projects-tasks-hidden = Votre prestataire ne partage pas les tâches de ce projet dans le portail.
projects-card-heading = Projets en cours
projects-card-active = { $count ->
    [0] Aucun projet ouvert
    [one] Un projet ouvert
   *[other] { $count } projets ouverts
}
projects-card-next-due = Prochaine échéance :
projects-card-no-due = Aucune échéance de tâche à venir.
