## Projects: list, a project's page, tasks, documents, the dashboard card.

projects-title = Projects
projects-heading = Projects
projects-intro = Follow your company's projects with your MSP: where each one stands, what comes next, and the documents that go with it.
projects-filter-legend = Filter projects
projects-filter-status = Status
projects-filter-open = Open
projects-filter-closed = Closed
projects-filter-all = All
projects-filter-search = Search
projects-filter-search-hint = Words from the name, description or WBS code.
projects-filter-sort = Sort by
projects-filter-direction = Order
projects-filter-apply = Apply
projects-filter-clear = Clear filters
projects-sort-name = Name
projects-sort-number = Number
projects-sort-status = Status
projects-sort-start = Start date
projects-sort-end = End date
projects-sort-updated = Last update
projects-dir-asc = Ascending
projects-dir-desc = Descending
projects-count = { $count ->
    [0] No projects
    [one] One project
   *[other] { $count } projects
}
projects-empty = No projects match. Try another status or clear the search.
projects-col-number = Number
projects-col-name = Project
projects-col-status = Status
projects-col-start = Start
projects-col-end = End
projects-col-progress = Progress
projects-pages-label = Pages
projects-page-of = Page { $page } of { $pages }
projects-page-previous = Previous
projects-page-next = Next
projects-page-first = First
projects-page-last = Last
projects-closed-badge = Closed
projects-progress = { $done } of { $total ->
    [one] { $total } task
   *[other] { $total } tasks
} done ({ $percent }%)
projects-no-tasks = No tasks yet
projects-wbs = WBS { $code }
projects-back = All projects
projects-fact-status = Status
projects-fact-start = Start
projects-fact-end = End
projects-fact-completion = Completion
projects-fact-budget = Budgeted hours
projects-fact-logged = Time logged
projects-hours = { $hours } h
projects-description = About this project
projects-phases = Phases
projects-tasks = Tasks
projects-view-label = Show tasks as
projects-view-kanban = Board
projects-view-list = List
projects-column-count = { $count ->
    [one] 1 task
   *[other] { $count } tasks
}
projects-column-empty = No tasks here.
projects-no-phase = Not in a phase
projects-task-due = Due
projects-task-status = Status
projects-task-assignee = Assigned to
projects-task-estimated = Estimate
projects-task-actual = Time spent
projects-task-priority = Priority
projects-task-checklist = Checklist
projects-task-services = Services
projects-task-depends-on = Depends on
projects-task-blocks = Blocks
projects-task-related = Related to
projects-task-documents = Documents:
projects-overdue = Overdue
projects-dependencies = Dependencies
projects-dependencies-intro = Which tasks wait for which. The longest chain of tasks that must finish one after another is highlighted.
projects-documents = Documents
projects-documents-none = No documents have been shared on this project yet.
projects-document-meta = { $size }, added by { $by }
projects-document-of-task = on “{ $task }”
projects-upload-label = Add a document
projects-upload-hint = Up to { $count } files of at most { $megabytes } MB each.
projects-upload-submit = Upload
projects-uploaded = Your document was added. Your MSP can see it too.
projects-upload-error-required = Choose a file to upload.
projects-upload-error-too-large = A file is larger than { $megabytes } MB. Nothing was uploaded.
projects-upload-error-empty = A file is empty. Nothing was uploaded.
projects-upload-error-storage-full = There is no room to store files right now. Nothing was uploaded; please try again later.
projects-upload-error-too-many = { $count ->
    [one] Upload one file at a time.
   *[other] Upload at most { $count } files at a time.
}
projects-upload-error-name = A file name could not be used. Rename the file and try again.
projects-tasks-hidden = Your MSP does not share this project's tasks in the portal.
projects-card-heading = Active projects
projects-card-active = { $count ->
    [0] No open projects
    [one] One open project
   *[other] { $count } open projects
}
projects-card-next-due = Next due:
projects-card-no-due = No upcoming task deadlines.
