## Projekte: Liste, Projektseite, Aufgaben, Dokumente, die Dashboard-Karte.

projects-title = Projekte
projects-heading = Projekte
projects-intro = Verfolgen Sie die Projekte Ihres Unternehmens mit Ihrem IT-Dienstleister: wo jedes steht, was als Nächstes kommt und welche Dokumente dazugehören.
projects-filter-legend = Projekte filtern
projects-filter-status = Status
projects-filter-open = Offen
projects-filter-closed = Abgeschlossen
projects-filter-all = Alle
projects-filter-search = Suche
projects-filter-search-hint = Wörter aus Name, Beschreibung oder PSP-Code.
projects-filter-sort = Sortieren nach
projects-filter-direction = Reihenfolge
projects-filter-apply = Anwenden
projects-filter-clear = Filter zurücksetzen
projects-sort-name = Name
projects-sort-number = Nummer
projects-sort-status = Status
projects-sort-start = Startdatum
projects-sort-end = Enddatum
projects-sort-updated = Letzte Änderung
projects-dir-asc = Aufsteigend
projects-dir-desc = Absteigend
projects-count = { $count ->
    [0] Keine Projekte
    [one] Ein Projekt
   *[other] { $count } Projekte
}
projects-empty = Keine passenden Projekte. Wählen Sie einen anderen Status oder setzen Sie die Suche zurück.
projects-col-number = Nummer
projects-col-name = Projekt
projects-col-status = Status
projects-col-start = Start
projects-col-end = Ende
projects-col-progress = Fortschritt
projects-pages-label = Seiten
projects-page-of = Seite { $page } von { $pages }
projects-page-previous = Zurück
projects-page-next = Weiter
projects-page-first = Erste
projects-page-last = Letzte
projects-closed-badge = Abgeschlossen
projects-progress = { $done } von { $total ->
    [one] { $total } Aufgabe
   *[other] { $total } Aufgaben
} erledigt ({ $percent } %)
projects-no-tasks = Noch keine Aufgaben
projects-wbs = PSP { $code }
projects-back = Alle Projekte
projects-fact-status = Status
projects-fact-start = Start
projects-fact-end = Ende
projects-fact-completion = Fertigstellung
projects-fact-budget = Budgetierte Stunden
projects-fact-logged = Erfasste Zeit
projects-hours = { $hours } Std.
projects-description = Über dieses Projekt
projects-phases = Phasen
projects-tasks = Aufgaben
projects-view-label = Aufgaben anzeigen als
projects-view-kanban = Board
projects-view-list = Liste
projects-column-count = { $count ->
    [one] 1 Aufgabe
   *[other] { $count } Aufgaben
}
projects-column-empty = Keine Aufgaben.
projects-no-phase = Keiner Phase zugeordnet
projects-task-due = Fällig
projects-task-status = Status
projects-task-assignee = Zugewiesen an
projects-task-estimated = Schätzung
projects-task-actual = Aufgewendete Zeit
projects-task-priority = Priorität
projects-task-checklist = Checkliste
projects-task-services = Leistungen
projects-task-depends-on = Hängt ab von
projects-task-blocks = Blockiert
projects-task-related = Verknüpft mit
projects-task-documents = Dokumente:
projects-overdue = Überfällig
projects-dependencies = Abhängigkeiten
projects-dependencies-intro = Welche Aufgaben auf welche warten. Die längste Kette von Aufgaben, die nacheinander abgeschlossen werden müssen, ist hervorgehoben.
projects-documents = Dokumente
projects-documents-none = Zu diesem Projekt wurden noch keine Dokumente geteilt.
projects-document-meta = { $size }, hinzugefügt von { $by }
projects-document-of-task = zu „{ $task }“
projects-upload-label = Dokument hinzufügen
projects-upload-hint = Bis zu { $count } Dateien mit jeweils höchstens { $megabytes } MB.
projects-upload-submit = Hochladen
projects-uploaded = Ihr Dokument wurde hinzugefügt. Ihr IT-Dienstleister kann es ebenfalls sehen.
projects-upload-error-required = Wählen Sie eine Datei zum Hochladen aus.
projects-upload-error-too-large = Eine Datei ist größer als { $megabytes } MB. Es wurde nichts hochgeladen.
projects-upload-error-empty = Eine Datei ist leer. Es wurde nichts hochgeladen.
projects-upload-error-storage-full = Zurzeit ist kein Platz zum Speichern von Dateien. Es wurde nichts hochgeladen; bitte versuchen Sie es später erneut.
projects-upload-error-too-many = { $count ->
    [one] Laden Sie jeweils nur eine Datei hoch.
   *[other] Laden Sie höchstens { $count } Dateien auf einmal hoch.
}
projects-upload-error-name = Ein Dateiname kann nicht verwendet werden. Benennen Sie die Datei um und versuchen Sie es erneut.
projects-tasks-hidden = Ihr IT-Dienstleister gibt die Aufgaben dieses Projekts im Portal nicht frei.
projects-card-heading = Aktive Projekte
projects-card-active = { $count ->
    [0] Keine offenen Projekte
    [one] Ein offenes Projekt
   *[other] { $count } offene Projekte
}
projects-card-next-due = Nächste Fälligkeit:
projects-card-no-due = Keine anstehenden Aufgabentermine.
