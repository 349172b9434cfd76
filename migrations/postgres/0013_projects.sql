-- Projects as the MSP's PSA defines them and as it chooses to show them to the client: the
-- tenant's project statuses; projects with their client-portal visibility settings; ordered
-- phases; per-project status mappings (the kanban's columns); tasks; dependencies between tasks;
-- documents on projects and tasks. Ids are chosen by the PSA; every key leads with `tenant`.
-- Also: per-user preferences (the project view to open in), and the `project:upload` permission
-- (documents uploaded to a task from the portal) for Admin and User.

CREATE TABLE project_statuses (
    tenant         UUID NOT NULL REFERENCES tenants (tenant) ON DELETE CASCADE,
    status_id      UUID NOT NULL,
    name           TEXT NOT NULL,
    is_closed      BOOLEAN NOT NULL DEFAULT FALSE,
    display_order  BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, status_id)
);

-- `visible_task_fields`: comma-separated, from task_name (always shown), description, due_date,
-- status, assigned_to, estimated_hours, actual_hours, priority, checklist_progress, services,
-- dependencies, document_uploads. Hours are kept in minutes.
CREATE TABLE projects (
    tenant                 UUID NOT NULL,
    project_id             UUID NOT NULL,
    project_number         TEXT NOT NULL,
    name                   TEXT NOT NULL,
    description            TEXT NOT NULL DEFAULT '',
    client_id              UUID NOT NULL,
    status_id              UUID NOT NULL,
    start_date             DATE,
    end_date               DATE,
    wbs_code               TEXT,
    budgeted_minutes       BIGINT,
    is_inactive            BOOLEAN NOT NULL DEFAULT FALSE,
    show_phases            BOOLEAN NOT NULL DEFAULT FALSE,
    show_phase_completion  BOOLEAN NOT NULL DEFAULT FALSE,
    show_tasks             BOOLEAN NOT NULL DEFAULT FALSE,
    show_budget_hours      BOOLEAN NOT NULL DEFAULT FALSE,
    show_billing           BOOLEAN NOT NULL DEFAULT FALSE,
    visible_task_fields    TEXT NOT NULL DEFAULT 'task_name,due_date,status',
    version                BIGINT NOT NULL DEFAULT 1,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, project_id),
    FOREIGN KEY (tenant, client_id) REFERENCES clients (tenant, client_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, status_id) REFERENCES project_statuses (tenant, status_id)
);
CREATE UNIQUE INDEX projects_number ON projects (tenant, project_number);
CREATE INDEX projects_client_name ON projects (tenant, client_id, name, project_id);
CREATE INDEX projects_client_status ON projects (tenant, client_id, status_id);

CREATE TABLE project_phases (
    tenant         UUID NOT NULL,
    phase_id       UUID NOT NULL,
    project_id     UUID NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    start_date     DATE,
    end_date       DATE,
    display_order  BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, phase_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE
);
CREATE INDEX project_phases_project ON project_phases (tenant, project_id, display_order);

-- A project's task statuses (the kanban's columns); hidden ones are not shown to clients.
CREATE TABLE project_status_mappings (
    tenant             UUID NOT NULL,
    mapping_id         UUID NOT NULL,
    project_id         UUID NOT NULL,
    name               TEXT NOT NULL,
    is_closed          BOOLEAN NOT NULL DEFAULT FALSE,
    is_client_visible  BOOLEAN NOT NULL DEFAULT TRUE,
    display_order      BIGINT NOT NULL DEFAULT 0,
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, mapping_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE
);
CREATE INDEX project_status_mappings_project
    ON project_status_mappings (tenant, project_id, display_order);

-- A phase or status mapping still used by a task cannot be removed (the sync moves or removes
-- the tasks first). `services`: a JSON array of service names.
CREATE TABLE project_tasks (
    tenant             UUID NOT NULL,
    task_id            UUID NOT NULL,
    project_id         UUID NOT NULL,
    phase_id           UUID,
    status_mapping_id  UUID NOT NULL,
    name               TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    due_date           DATE,
    assignee_name      TEXT,
    estimated_minutes  BIGINT,
    actual_minutes     BIGINT,
    priority           TEXT,
    checklist_total    BIGINT NOT NULL DEFAULT 0,
    checklist_done     BIGINT NOT NULL DEFAULT 0,
    services           TEXT NOT NULL DEFAULT '[]',
    display_order      BIGINT NOT NULL DEFAULT 0,
    updated_at         TIMESTAMPTZ NOT NULL,
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
    tenant               UUID NOT NULL,
    project_id           UUID NOT NULL,
    predecessor_task_id  UUID NOT NULL,
    successor_task_id    UUID NOT NULL,
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
    tenant               UUID NOT NULL,
    document_id          UUID NOT NULL,
    project_id           UUID NOT NULL,
    task_id              UUID,
    file_name            TEXT NOT NULL,
    size_bytes           BIGINT NOT NULL,
    content_type         TEXT NOT NULL,
    content_hash         TEXT NOT NULL,
    is_client_visible    BOOLEAN NOT NULL DEFAULT FALSE,
    uploaded_by_type     TEXT NOT NULL CHECK (uploaded_by_type IN ('client', 'internal')),
    uploaded_by_user_id  UUID,
    uploaded_by_name     TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, document_id),
    FOREIGN KEY (tenant, project_id) REFERENCES projects (tenant, project_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, task_id) REFERENCES project_tasks (tenant, task_id) ON DELETE CASCADE
);
CREATE INDEX project_documents_project ON project_documents (tenant, project_id, created_at);
CREATE INDEX project_documents_task ON project_documents (tenant, task_id, created_at);

-- Small per-user choices the portal remembers (e.g. `project_view` = `kanban` | `list`).
CREATE TABLE user_preferences (
    tenant      UUID NOT NULL,
    user_id     UUID NOT NULL,
    pref_key    TEXT NOT NULL,
    pref_value  TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, user_id, pref_key),
    FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, user_id) ON DELETE CASCADE
);

-- `project:upload` for every existing tenant, held by Admin and User (not Finance).
INSERT INTO permissions (tenant, permission_id, resource, action)
SELECT t.tenant, gen_random_uuid(), 'project', 'upload' FROM tenants t
WHERE NOT EXISTS (SELECT 1 FROM permissions p
                  WHERE p.tenant = t.tenant AND p.resource = 'project' AND p.action = 'upload');
INSERT INTO role_permissions (tenant, role_id, permission_id)
SELECT r.tenant, r.role_id, p.permission_id FROM roles r
JOIN permissions p ON p.tenant = r.tenant AND p.resource = 'project' AND p.action = 'upload'
WHERE r.is_client AND r.role_name IN ('Admin', 'User')
  AND NOT EXISTS (SELECT 1 FROM role_permissions rp
                  WHERE rp.tenant = r.tenant AND rp.role_id = r.role_id
                    AND rp.permission_id = p.permission_id);
