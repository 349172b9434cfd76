//! The ticket list's SQL, built from the viewer and the filter: the `WHERE` clause condition by
//! condition with bound values (never user text in the SQL), the sort, the page, the count.

use uuid::Uuid;

use crate::db::Arg;
use crate::tickets::{
    SortDirection, StatusFilter, TicketFilter, TicketScope, TicketSort, TicketViewer, PAGE_SIZE,
};

/// A `WHERE` clause built condition by condition, with its binds in `$n` order.
struct Conditions {
    sql: String,
    args: Vec<Arg>,
}

impl Conditions {
    /// Appends `part` with its `?` replaced by the next bind's `$n`.
    fn bind(&mut self, part: &str, arg: Arg) {
        self.args.push(arg);
        let n = self.args.len();
        self.sql.push_str(&part.replace('?', &format!("${n}")));
    }

    fn raw(&mut self, part: &str) {
        self.sql.push_str(part);
    }
}

/// The conditions (each starting ` AND `) that keep a viewer to the tickets they may see, on
/// `t` (a `tickets` row), binding after whatever `args` already holds: their contact's tickets
/// unless they see the company's, and only their visibility group's boards. The ticket list and
/// the dashboard's activity use the same rule.
pub fn visible_to(viewer: &TicketViewer, args: &mut Vec<Arg>) -> String {
    let mut sql = String::new();
    if viewer.scope == TicketScope::Contact {
        match viewer.contact_id {
            Some(contact) => {
                args.push(Arg::Uuid(contact));
                sql.push_str(&format!(" AND t.contact_id = ${}", args.len()));
            }
            None => sql.push_str(" AND 1 = 0"),
        }
    }
    if let Some(boards) = &viewer.boards {
        if boards.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let mut list = Vec::new();
            for board in boards {
                args.push(Arg::Uuid(*board));
                list.push(format!("${}", args.len()));
            }
            sql.push_str(&format!(" AND t.board_id IN ({})", list.join(", ")));
        }
    }
    sql
}

/// The `WHERE` clause (after `WHERE`) and its binds for the viewer and filter; `$1` is the tenant.
fn list_conditions(
    tenant: Uuid,
    viewer: &TicketViewer,
    filter: &TicketFilter,
) -> (String, Vec<Arg>) {
    let mut c = Conditions {
        sql: String::from("t.tenant = $1 AND t.client_id = $2"),
        args: vec![Arg::Uuid(tenant), Arg::Uuid(viewer.client_id)],
    };
    let seen = visible_to(viewer, &mut c.args);
    c.raw(&seen);
    match filter.status {
        StatusFilter::All => {}
        StatusFilter::Open => c.raw(" AND t.closed_at IS NULL"),
        StatusFilter::Closed => c.raw(" AND t.closed_at IS NOT NULL"),
        StatusFilter::Status(id) => c.bind(" AND t.status_id = ?", Arg::Uuid(id)),
    }
    if let Some(state) = filter.response {
        c.bind(
            " AND t.response_state = ?",
            Arg::Text(state.as_str().to_owned()),
        );
    }
    if let Some(id) = filter.priority {
        c.bind(" AND t.priority_id = ?", Arg::Uuid(id));
    }
    if let Some(id) = filter.category {
        c.bind(" AND t.category_id = ?", Arg::Uuid(id));
    }
    if let Some(q) = &filter.search {
        let pattern = format!(
            "%{}%",
            q.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        c.args.push(Arg::Text(pattern));
        let n = c.args.len();
        c.raw(&format!(
            " AND (LOWER(t.title) LIKE ${n} ESCAPE '\\' OR LOWER(t.ticket_number) LIKE ${n} ESCAPE '\\')"
        ));
    }
    (c.sql, c.args)
}

fn order_by(filter: &TicketFilter) -> String {
    let dir = match filter.direction {
        SortDirection::Asc => "ASC",
        SortDirection::Desc => "DESC",
    };
    let key = match filter.sort {
        TicketSort::Updated => format!("t.updated_at {dir}"),
        TicketSort::Entered => format!("t.entered_at {dir}"),
        // Tickets without a due date come last either way.
        TicketSort::Due => format!("(t.due_at IS NULL) ASC, t.due_at {dir}"),
        TicketSort::Priority => format!("p.display_order {dir}, p.name {dir}"),
        TicketSort::Status => format!("s.display_order {dir}, s.name {dir}"),
        TicketSort::Title => format!("LOWER(t.title) {dir}"),
        // Numbers of one prefix sort by length first, so TIC-999 comes before TIC-1000.
        TicketSort::Number => format!("LENGTH(t.ticket_number) {dir}, t.ticket_number {dir}"),
    };
    match filter.sort {
        TicketSort::Updated => format!("{key}, t.ticket_id {dir}"),
        // Ties (same priority, status, …) show the most recently updated first.
        _ => format!("{key}, t.updated_at DESC, t.ticket_id DESC"),
    }
}

/// The list's SQL for a viewer and filter (also used by the benchmark to show its plan).
///
/// The page is chosen from `tickets` alone (joined only with what the sort needs), then the
/// lookups are joined for those 25 rows: the planner cannot start from a small lookup table
/// and fetch the whole company's tickets, and deep pages skip no joined rows.
pub fn list_query(
    tenant: Uuid,
    viewer: &TicketViewer,
    filter: &TicketFilter,
) -> (String, Vec<Arg>) {
    let (conditions, mut args) = list_conditions(tenant, viewer, filter);
    args.push(Arg::Int(PAGE_SIZE));
    let limit = args.len();
    args.push(Arg::Int(filter.offset()));
    let offset = args.len();
    let sort_join = match filter.sort {
        TicketSort::Status => STATUS_JOIN,
        TicketSort::Priority => PRIORITY_JOIN,
        _ => "",
    };
    let order = order_by(filter);
    let sql = format!(
        "WITH page AS (SELECT t.ticket_id FROM tickets t {sort_join} \
             WHERE {conditions} ORDER BY {order} LIMIT ${limit} OFFSET ${offset}) \
         SELECT t.ticket_number, t.title, s.name AS status_name, s.is_closed, \
                p.name AS priority_name, p.color AS priority_color, c.name AS category_name, \
                b.name AS board_name, co.full_name AS contact_name, t.assignee_name, \
                t.response_state, t.entered_at, t.updated_at, t.due_at \
         FROM page JOIN tickets t ON t.tenant = $1 AND t.ticket_id = page.ticket_id \
         {STATUS_JOIN} {PRIORITY_JOIN} \
         JOIN ticket_boards b ON b.tenant = t.tenant AND b.board_id = t.board_id \
         LEFT JOIN ticket_categories c ON c.tenant = t.tenant AND c.category_id = t.category_id \
         LEFT JOIN contacts co ON co.tenant = t.tenant AND co.contact_id = t.contact_id \
         ORDER BY {order}"
    );
    (sql, args)
}

const STATUS_JOIN: &str =
    "JOIN ticket_statuses s ON s.tenant = t.tenant AND s.status_id = t.status_id";
const PRIORITY_JOIN: &str =
    "JOIN ticket_priorities p ON p.tenant = t.tenant AND p.priority_id = t.priority_id";

/// The count of the list's matches (for its pages).
pub fn count_query(
    tenant: Uuid,
    viewer: &TicketViewer,
    filter: &TicketFilter,
) -> (String, Vec<Arg>) {
    let (conditions, args) = list_conditions(tenant, viewer, filter);
    (
        format!("SELECT COUNT(*) FROM tickets t WHERE {conditions}"),
        args,
    )
}
