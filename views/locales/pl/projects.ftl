## Projekty: lista, strona projektu, zadania, dokumenty, karta na pulpicie.

projects-title = Projekty
projects-heading = Projekty
projects-intro = Śledź projekty, które Twoja firma realizuje z Twoim MSP: na jakim etapie jest każdy z nich, co będzie dalej i jakie dokumenty się z nim wiążą.
projects-filter-legend = Filtruj projekty
projects-filter-status = Status
projects-filter-open = Otwarte
projects-filter-closed = Zamknięte
projects-filter-all = Wszystkie
projects-filter-search = Szukaj
projects-filter-search-hint = Słowa z nazwy, opisu lub kodu WBS.
projects-filter-sort = Sortuj według
projects-filter-direction = Kolejność
projects-filter-apply = Zastosuj
projects-filter-clear = Wyczyść filtry
projects-sort-name = Nazwa
projects-sort-number = Numer
projects-sort-status = Status
projects-sort-start = Data rozpoczęcia
projects-sort-end = Data zakończenia
projects-sort-updated = Ostatnia aktualizacja
projects-dir-asc = Rosnąco
projects-dir-desc = Malejąco
projects-count = { $count ->
    [0] Brak projektów
    [one] Jeden projekt
    [few] { $count } projekty
    [many] { $count } projektów
   *[other] { $count } projektu
}
projects-empty = Brak pasujących projektów. Wybierz inny status lub wyczyść wyszukiwanie.
projects-col-number = Numer
projects-col-name = Projekt
projects-col-status = Status
projects-col-start = Początek
projects-col-end = Koniec
projects-col-progress = Postęp
projects-pages-label = Strony
projects-page-of = Strona { $page } z { $pages }
projects-page-previous = Poprzednia
projects-page-next = Następna
projects-page-first = Pierwsza
projects-page-last = Ostatnia
projects-closed-badge = Zamknięty
projects-progress = Ukończono { $done } z { $total ->
    [one] { $total } zadania
    [few] { $total } zadań
    [many] { $total } zadań
   *[other] { $total } zadania
} ({ $percent }%)
projects-no-tasks = Brak zadań
projects-wbs = WBS { $code }
projects-back = Wszystkie projekty
projects-fact-status = Status
projects-fact-start = Początek
projects-fact-end = Koniec
projects-fact-completion = Ukończenie
projects-fact-budget = Zaplanowane godziny
projects-fact-logged = Zarejestrowany czas
projects-hours = { $hours } godz.
projects-description = O projekcie
projects-phases = Etapy
projects-tasks = Zadania
projects-view-label = Pokaż zadania jako
projects-view-kanban = Tablica
projects-view-list = Lista
projects-column-count = { $count ->
    [one] { $count } zadanie
    [few] { $count } zadania
    [many] { $count } zadań
   *[other] { $count } zadania
}
projects-column-empty = Brak zadań.
projects-no-phase = Poza etapami
projects-task-due = Termin
projects-task-status = Status
projects-task-assignee = Przypisane do
projects-task-estimated = Szacowany czas
projects-task-actual = Poświęcony czas
projects-task-priority = Priorytet
projects-task-checklist = Lista kontrolna
projects-task-services = Usługi
projects-task-depends-on = Zależy od
projects-task-blocks = Blokuje
projects-task-related = Powiązane z
projects-task-documents = Dokumenty:
projects-overdue = Po terminie
projects-dependencies = Zależności
projects-dependencies-intro = Które zadania czekają na które. Wyróżniono najdłuższy łańcuch zadań, które muszą zostać ukończone jedno po drugim.
projects-documents = Dokumenty
projects-documents-none = W tym projekcie nie udostępniono jeszcze żadnych dokumentów.
projects-document-meta = { $size }, dodany przez: { $by }
projects-document-of-task = w zadaniu „{ $task }”
projects-upload-label = Dodaj dokument
projects-upload-hint = Maks. liczba plików: { $count }, każdy do { $megabytes } MB.
projects-upload-submit = Prześlij
projects-uploaded = Twój dokument został dodany. Twój MSP również go widzi.
projects-upload-error-required = Wybierz plik do przesłania.
projects-upload-error-too-large = Jeden z plików przekracza { $megabytes } MB. Nic nie zostało przesłane.
projects-upload-error-empty = Jeden z plików jest pusty. Nic nie zostało przesłane.
projects-upload-error-storage-full = W tej chwili nie ma miejsca na zapisanie plików. Nic nie zostało przesłane; spróbuj ponownie później.
projects-upload-error-too-many = { $count ->
    [one] Przesyłaj po jednym pliku.
    [few] Możesz przesłać naraz najwyżej { $count } pliki.
    [many] Możesz przesłać naraz najwyżej { $count } plików.
   *[other] Możesz przesłać naraz najwyżej { $count } pliku.
}
projects-upload-error-name = Nie można użyć nazwy jednego z plików. Zmień nazwę pliku i spróbuj ponownie.
projects-tasks-hidden = Twój MSP nie udostępnia w portalu zadań tego projektu.
projects-card-heading = Aktywne projekty
projects-card-active = { $count ->
    [0] Brak otwartych projektów
    [one] Jeden otwarty projekt
    [few] { $count } otwarte projekty
    [many] { $count } otwartych projektów
   *[other] { $count } otwartego projektu
}
projects-card-next-due = Najbliższy termin:
projects-card-no-due = Brak nadchodzących terminów zadań.
