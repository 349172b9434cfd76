-- Projects as the MSP's PSA defines them and as it chooses to show them to the client: the
-- tenant's project statuses; projects with their client-portal visibility settings; ordered
-- phases; per-project status mappings (the kanban's columns); tasks; dependencies between tasks;
-- documents on projects and tasks. Ids are chosen by the PSA; every key leads with `tenant`.
-- Also: per-user preferences (the project view to open in), and the `project:upload` permission
-- (documents uploaded to a task from the portal) for Admin and User.

CREATE TABLE project_statuses (
    tenant         BLOB NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    status_id      BLOB NOT NULL,
    name           TEXT NOT NULL,
    is_closed      BOOLEAN NOT NULL DEFAULT 0,
    display_order  INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (tenant, status_id)
);

-- `visible_task_fields`: comma-separated, from task_name (always shown), description, due_date,
-- status, assigned_to, estimated_hours, actual_hours, priority, checklist_progress, services,
-- dependencies, document_uploads. Hours are kept in minutes.
CREATE TABLE projects (
    tenant                 BLOB NOT NULL,
    project_id             BLOB NOT NULL,
    project_number         TEXT NOT NULL,
    name                   TEXT NOT NULL,
    description            TEXT NOT NULL DEFAULT '',
    client_id              BLOB NOT NULL,
    status_id              BLOB NOT NULL,
    start_date             TEXT,
    end_date               TEXT,
    wbs_code               TEXT,
    budgeted_minutes       INTEGER,
    is_inactive            BOOLEAN NOT NULL DEFAULT 0,
    show_phases            BOOLEAN NOT NULL DEFAULT 0,
    show_phase_completion  BOOLEAN NOT NULL DEFAULT 0,
    show_tasks             BOOLEAN NOT NULL DEFAULT 0,
    show_budget_hours      BOOLEAN NOT NULL DEFAULT 0,
    show_billing           BOOLEAN NOT NULL DEFAULT 0,
    visible_task_fields    TEXT NOT NULL DEFAULT 'task_name,due_date,status',
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    PRIMARY KEY (tenant, project_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, status_id) REFERENCES project_statuses (tenant, status_id)
);
CREATE UNIQUE INDEX projects_number ON projects (tenant, project_number);
CREATE INDEX projects_client_name ON projects (tenant, client_id, name, project_id);
CREATE INDEX projects_client_status ON projects (tenant, client_id, status_id);

CREATE TABLE project_phases (
    tenant         BLOB NOT NULL,
    phase_id       BLOB NOT NULL,
    project_id     BLOB NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    start_date     TEXT,
    end_date       TEXT,
    display_order  INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (tenant, phase_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE
);
CREATE INDEX project_phases_project ON project_phases (tenant, project_id, display_order);

-- A project's task statuses (the kanban's columns); hidden ones are not shown to clients.
CREATE TABLE project_status_mappings (
    tenant             BLOB NOT NULL,
    mapping_id         BLOB NOT NULL,
    project_id         BLOB NOT NULL,
    name               TEXT NOT NULL,
    is_closed          BOOLEAN NOT NULL DEFAULT 0,
    is_client_visible  BOOLEAN NOT NULL DEFAULT 1,
    display_order      INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (tenant, mapping_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE
);
CREATE INDEX project_status_mappings_project
    ON project_status_mappings (tenant, project_id, display_order);

-- A phase or status mapping still used by a task cannot be removed (the sync moves or removes
-- the tasks first). `services`: a JSON array of service names.
CREATE TABLE project_tasks (
    tenant             BLOB NOT NULL,
    task_id            BLOB NOT NULL,
    project_id         BLOB NOT NULL,
    phase_id           BLOB,
    status_mapping_id  BLOB NOT NULL,
    name               TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    due_date           TEXT,
    assignee_name      TEXT,
    estimated_minutes  INTEGER,
    actual_minutes     INTEGER,
    priority           TEXT,
    checklist_total    INTEGER NOT NULL DEFAULT 0,
    checklist_done     INTEGER NOT NULL DEFAULT 0,
    services           TEXT NOT NULL DEFAULT '[]',
    display_order      INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (tenant, task_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, phase_id) REFERENCES project_phases (tenant, phase_id),
    FOREIGN KEY (tenant, status_mapping_id)
        REFERENCES project_status_mappings (tenant, mapping_id),
    CHECK (checklist_done >= 0 AND checklist_total >= checklist_done)
);
CREATE INDEX project_tasks_project ON project_tasks (tenant, project_id, phase_id, display_order);
CREATE INDEX project_tasks_status ON project_tasks (tenant, project_id, status_mapping_id);

-- `blocks`: the predecessor must finish before the successor (`blocked_by` is stored the other
-- way round); `related_to`: no order.
CREATE TABLE project_task_dependencies (
    tenant               BLOB NOT NULL,
    project_id           BLOB NOT NULL,
    predecessor_task_id  BLOB NOT NULL,
    successor_task_id    BLOB NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('blocks', 'related_to')),
    PRIMARY KEY (tenant, predecessor_task_id, successor_task_id, kind),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, predecessor_task_id)
        REFERENCES project_tasks (tenant, task_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, successor_task_id)
        REFERENCES project_tasks (tenant, task_id) ON DELETE CASCADE,
    CHECK (predecessor_task_id <> successor_task_id)
);
CREATE INDEX project_task_dependencies_project ON project_task_dependencies (tenant, project_id);
CREATE INDEX project_task_dependencies_successor
    ON project_task_dependencies (tenant, successor_task_id);

-- Contents live in the attachment store under their SHA-256 (`content_hash`), like tickets'.
CREATE TABLE project_documents (
    tenant               BLOB NOT NULL,
    document_id          BLOB NOT NULL,
    project_id           BLOB NOT NULL,
    task_id              BLOB,
    file_name            TEXT NOT NULL,
    size_bytes           INTEGER NOT NULL,
    content_type         TEXT NOT NULL,
    content_hash         TEXT NOT NULL,
    is_client_visible    BOOLEAN NOT NULL DEFAULT 0,
    uploaded_by_type     TEXT NOT NULL CHECK (uploaded_by_type IN ('client', 'internal')),
    uploaded_by_user_id  BLOB,
    uploaded_by_name     TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    PRIMARY KEY (tenant, document_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, task_id) REFERENCES project_tasks (tenant, task_id) ON DELETE CASCADE
);
CREATE INDEX project_documents_project ON project_documents (tenant, project_id, created_at);
CREATE INDEX project_documents_task ON project_documents (tenant, task_id, created_at);

-- Small per-user choices the portal remembers (e.g. `project_view` = `kanban` | `list`).
CREATE TABLE user_preferences (
    tenant      BLOB NOT NULL,
    user_id     BLOB NOT NULL,
    pref_key    TEXT NOT NULL,
    pref_value  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (tenant, user_id, pref_key),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);

-- `project:upload` for every existing tenant, held by Admin and User (not Finance).
INSERT INTO permissions (tenant, permission_id, resource, action)
SELECT t.tenant, randomblob(16), 'project', 'upload' FROM tenants t
WHERE NOT EXISTS (SELECT 1 FROM permissions p
                  WHERE p.tenant = t.tenant AND p.resource = 'project' AND p.action = 'upload');
INSERT INTO role_permissions (tenant, role_id, permission_id)
SELECT r.tenant, r.role_id, p.permission_id FROM roles r
JOIN permissions p ON p.tenant = r.tenant AND p.resource = 'project' AND p.action = 'upload'
WHERE r.is_client = 1 AND r.role_name IN ('Admin', 'User')
  AND NOT EXISTS (SELECT 1 FROM role_permissions rp
                  WHERE rp.tenant = r.tenant AND rp.role_id = r.role_id
                    AND rp.permission_id = p.permission_id);
