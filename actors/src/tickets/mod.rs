//! Support tickets as the portal sees them: the list filter (parsed from a bookmarkable query),
//! the viewer's access (permissions, scope, boards), the rows that travel in `TenantData`
//! messages, and validation of what clients type.

mod filter;
mod input;
mod records;

pub use filter::*;
pub use input::*;
pub use records::*;

/// Tickets per list page.
pub const PAGE_SIZE: i64 = 25;
/// Highest page number served (deeper pages are refused rather than scanned).
pub const MAX_PAGE: i64 = 4_000;
/// Longest search text, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest description or comment body, in characters (Markdown source).
pub const MAX_BODY_CHARS: usize = 20_000;
/// Longest attachment file name kept, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn raw(pairs: &[(&str, &str)]) -> RawTicketFilter {
        let query: String = pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        serde_urlencoded_like(&query)
    }

    fn serde_urlencoded_like(query: &str) -> RawTicketFilter {
        let mut f = RawTicketFilter::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = Some(v.to_owned());
            match k {
                "status" => f.status = v,
                "response" => f.response = v,
                "priority" => f.priority = v,
                "category" => f.category = v,
                "q" => f.q = v,
                "sort" => f.sort = v,
                "dir" => f.dir = v,
                "page" => f.page = v,
                _ => {}
            }
        }
        f
    }

    #[test]
    fn empty_query_is_the_default_filter() {
        assert_eq!(
            TicketFilter::parse(&raw(&[])).unwrap(),
            TicketFilter::default()
        );
        assert!(TicketFilter::default().query_pairs().is_empty());
    }

    #[test]
    fn filters_round_trip_through_the_query() {
        let id = Uuid::new_v4();
        let filter = TicketFilter::parse(&raw(&[
            ("status", "closed"),
            ("response", "awaiting_client"),
            ("priority", &id.to_string()),
            ("q", "Printer"),
            ("sort", "due"),
            ("dir", "desc"),
            ("page", "3"),
        ]))
        .unwrap();
        assert_eq!(filter.search.as_deref(), Some("Printer"));
        assert_eq!(filter.offset(), 2 * PAGE_SIZE);
        let pairs = filter.query_pairs();
        let again: Vec<(&str, String)> = pairs.clone();
        let query: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut reparsed = TicketFilter::parse(&raw(&query)).unwrap();
        reparsed.page = 3;
        assert_eq!(reparsed, filter);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (k, v) in [
            ("status", "bogus"),
            ("response", "soon"),
            ("priority", "1"),
            ("category", "x"),
            ("sort", "color"),
            ("dir", "up"),
            ("page", "0"),
            ("page", "-1"),
            ("page", "99999999999999999999"),
        ] {
            let err = TicketFilter::parse(&raw(&[(k, v)])).unwrap_err();
            assert_eq!(err.field, k, "{k}={v}");
        }
        let long = "x".repeat(MAX_SEARCH_CHARS + 1);
        assert_eq!(
            TicketFilter::parse(&raw(&[("q", &long)]))
                .unwrap_err()
                .field,
            "q"
        );
    }

    #[test]
    fn titles_bodies_and_file_names_are_checked() {
        assert_eq!(parse_title("  Printer jam ").unwrap(), "Printer jam");
        assert!(parse_title("   ").is_err());
        assert!(parse_title("a\u{7}b").is_err());
        assert!(parse_title(&"x".repeat(201)).is_err());
        assert_eq!(parse_body("body", "a\r\nb\tc", true).unwrap(), "a\nb\tc");
        assert!(parse_body("body", " ", true).is_err());
        assert_eq!(parse_body("body", " ", false).unwrap(), "");
        assert!(parse_body("body", "a\u{0}", true).is_err());
        assert_eq!(
            clean_file_name("C:\\x\\..\\report.pdf").as_deref(),
            Some("report.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(clean_file_name("a\"b\r\n.txt").as_deref(), Some("ab.txt"));
        assert_eq!(clean_file_name("..."), None);
        assert_eq!(clean_file_name(""), None);
        assert!(is_valid_ticket_number("TIC-1042"));
        assert!(!is_valid_ticket_number("../x"));
        assert!(!is_valid_ticket_number(""));
        assert!(!is_valid_ticket_number("NEW"), "the new-ticket form's path");
    }

    #[test]
    fn viewers_see_by_company_scope_and_board() {
        let (client, contact, board) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let mut viewer = TicketViewer {
            user_id: Uuid::new_v4(),
            display_name: "Ada".into(),
            client_id: client,
            contact_id: Some(contact),
            scope: TicketScope::Client,
            boards: None,
            can_read: true,
            can_create: true,
            can_update: true,
        };
        assert!(viewer.sees(client, None, board));
        assert!(!viewer.sees(Uuid::new_v4(), Some(contact), board));
        viewer.scope = TicketScope::Contact;
        assert!(!viewer.sees(client, None, board));
        assert!(viewer.sees(client, Some(contact), board));
        viewer.boards = Some(vec![]);
        assert!(!viewer.sees(client, Some(contact), board));
        viewer.boards = Some(vec![board]);
        viewer.can_read = false;
        assert!(!viewer.sees(client, Some(contact), board));
    }
}
