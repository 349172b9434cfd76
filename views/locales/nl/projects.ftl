## Projecten: lijst, de pagina van een project, taken, documenten, de kaart op het dashboard.

projects-title = Projecten
projects-heading = Projecten
projects-intro = Volg de projecten die uw bedrijf met uw MSP uitvoert: hoe elk project ervoor staat, wat er nog komt en de bijbehorende documenten.
projects-filter-legend = Projecten filteren
projects-filter-status = Status
projects-filter-open = Open
projects-filter-closed = Gesloten
projects-filter-all = Alle
projects-filter-search = Zoeken
projects-filter-search-hint = Woorden uit de naam, de beschrijving of de WBS-code.
projects-filter-sort = Sorteren op
projects-filter-direction = Volgorde
projects-filter-apply = Toepassen
projects-filter-clear = Filters wissen
projects-sort-name = Naam
projects-sort-number = Nummer
projects-sort-status = Status
projects-sort-start = Startdatum
projects-sort-end = Einddatum
projects-sort-updated = Laatste wijziging
projects-dir-asc = Oplopend
projects-dir-desc = Aflopend
projects-count = { $count ->
    [0] Geen projecten
    [one] Eén project
   *[other] { $count } projecten
}
projects-empty = Geen projecten gevonden. Probeer een andere status of wis de zoekopdracht.
projects-col-number = Nummer
projects-col-name = Project
projects-col-status = Status
projects-col-start = Start
projects-col-end = Einde
projects-col-progress = Voortgang
projects-pages-label = Pagina's
projects-page-of = Pagina { $page } van { $pages }
projects-page-previous = Vorige
projects-page-next = Volgende
projects-page-first = Eerste
projects-page-last = Laatste
projects-closed-badge = Gesloten
projects-progress = { $done } van { $total ->
    [one] { $total } taak
   *[other] { $total } taken
} klaar ({ $percent }%)
projects-no-tasks = Nog geen taken
projects-wbs = WBS { $code }
projects-back = Alle projecten
projects-fact-status = Status
projects-fact-start = Start
projects-fact-end = Einde
projects-fact-completion = Voltooiing
projects-fact-budget = Begrote uren
projects-fact-logged = Geregistreerde tijd
projects-hours = { $hours } u
projects-description = Over dit project
projects-phases = Fasen
projects-tasks = Taken
projects-view-label = Taken tonen als
projects-view-kanban = Bord
projects-view-list = Lijst
projects-column-count = { $count ->
    [one] 1 taak
   *[other] { $count } taken
}
projects-column-empty = Hier staan geen taken.
projects-no-phase = Niet in een fase
projects-task-due = Deadline
projects-task-status = Status
projects-task-assignee = Toegewezen aan
projects-task-estimated = Schatting
projects-task-actual = Bestede tijd
projects-task-priority = Prioriteit
projects-task-checklist = Checklist
projects-task-services = Diensten
projects-task-depends-on = Hangt af van
projects-task-blocks = Blokkeert
projects-task-related = Gerelateerd aan
projects-task-documents = Documenten:
projects-overdue = Te laat
projects-dependencies = Afhankelijkheden
projects-dependencies-intro = Welke taken op welke andere wachten. De langste keten van taken die na elkaar moeten worden afgerond, is gemarkeerd.
projects-documents = Documenten
projects-documents-none = Er zijn nog geen documenten gedeeld in dit project.
projects-document-meta = { $size }, toegevoegd door { $by }
projects-document-of-task = bij “{ $task }”
projects-upload-label = Document toevoegen
projects-upload-hint = Maximaal { $count } bestanden van elk hoogstens { $megabytes } MB.
projects-upload-submit = Uploaden
projects-uploaded = Uw document is toegevoegd. Uw MSP kan het ook zien.
projects-upload-error-required = Kies een bestand om te uploaden.
projects-upload-error-too-large = Een bestand is groter dan { $megabytes } MB. Er is niets geüpload.
projects-upload-error-empty = Een bestand is leeg. Er is niets geüpload.
projects-upload-error-storage-full = Er is op dit moment geen ruimte om bestanden op te slaan. Er is niets geüpload; probeer het later opnieuw.
projects-upload-error-too-many = { $count ->
    [one] Upload één bestand tegelijk.
   *[other] Upload maximaal { $count } bestanden tegelijk.
}
projects-upload-error-name = Een bestandsnaam kon niet worden gebruikt. Geef het bestand een andere naam en probeer het opnieuw.
projects-tasks-hidden = Uw MSP deelt de taken van dit project niet in het portaal.
projects-card-heading = Actieve projecten
projects-card-active = { $count ->
    [0] Geen open projecten
    [one] Eén open project
   *[other] { $count } open projecten
}
projects-card-next-due = Eerstvolgende deadline:
projects-card-no-due = Geen komende taakdeadlines.
