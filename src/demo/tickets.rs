//! The demo's support tickets: two boards with their statuses, four priorities, categories and
//! about twenty-five tickets of the demo companies over the last weeks, with conversations
//! (client comments, MSP replies and internal notes no client may see), due dates, both
//! response states and some closed. Written with the integration API's own operations
//! (`ticket_sync::apply`), under fixed ids; seeded once (when the tenant has no board yet).
// The demo's seed indexes its own constant tables by their `enumerate()` positions and numbers
// ids from them; no request input reaches this module, so plain indexing and arithmetic stay.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use portal_actors::store::ticket_sync as store;
use portal_actors::ticket_sync::apply;
use portal_actors::ticket_sync::input::CommentInput;
use portal_actors::ticket_sync::input::{
    BoardInput, CategoryInput, PriorityInput, StatusInput, TicketAccessInput, TicketInput,
    VisibilityGroupInput,
};
use portal_actors::tickets::{ResponseState, TicketScope};
use portal_actors::Db;
use uuid::Uuid;

/// Fixed ids: `DEMO_IDS + n`, so the demo's records are recognisable.
const DEMO_IDS: u128 = 0xde30_0000_0000_4000_8000_0000_0000_0000;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(DEMO_IDS + n)
}

const BOARDS: [(&str, bool); 2] = [("Service Desk", true), ("Projects & Changes", false)];
/// Per board: name, closed, default.
const STATUSES: [(&str, bool, bool); 5] = [
    ("New", false, true),
    ("In Progress", false, false),
    ("Waiting on Client", false, false),
    ("Resolved", true, false),
    ("Closed", true, false),
];
/// Name, colour, and whether it is the default (all are global: offered on every board).
const PRIORITIES: [(&str, &str, bool); 4] = [
    ("Critical", "#c62828", false),
    ("High", "#ef6c00", false),
    ("Medium", "#f9a825", true),
    ("Low", "#2e7d32", false),
];
/// Name and board (`None`: every board).
const CATEGORIES: [(&str, Option<usize>); 7] = [
    ("Hardware", None),
    ("Software", None),
    ("Network & VPN", None),
    ("Email & Microsoft 365", None),
    ("Security", None),
    ("Accounts & Access", None),
    ("Change Request", Some(1)),
];

#[derive(Clone, Copy)]
enum Status {
    New,
    InProgress,
    Waiting,
    Resolved,
    Closed,
}

#[derive(Clone, Copy)]
enum Who {
    /// The ticket's contact.
    Client,
    /// The assignee, to the client.
    Reply,
    /// The assignee, internal only.
    Note,
}

struct DemoTicket {
    contact: &'static str,
    title: &'static str,
    description: &'static str,
    /// 0: Service Desk, 1: Projects & Changes.
    board: usize,
    status: Status,
    /// Index into `PRIORITIES`.
    priority: usize,
    /// Index into `CATEGORIES`.
    category: usize,
    assignee: Option<&'static str>,
    /// Hours before now it was entered.
    entered_hours_ago: i64,
    /// Days from now it is due (negative: overdue).
    due_in_days: Option<i64>,
    /// Who speaks, how many hours after it was entered, and what they say.
    conversation: &'static [(Who, i64, &'static str)],
}

const ALICE: &str = "alice.martin@acme-manufacturing.example";
const BEN: &str = "ben.okafor@acme-manufacturing.example";
const DANA: &str = "dana.kim@acme-manufacturing.example";
const CHLOE: &str = "chloe.dubois@globex-logistics.example";
const EVAN: &str = "evan.novak@globex-logistics.example";
const SAM: &str = "Sam Rivera";
const PRIYA: &str = "Priya Shah";
const TOM: &str = "Tom Becker";

use Status::*;
use Who::*;

const TICKETS: &[DemoTicket] = &[
    DemoTicket { contact: BEN, title: "Printer on 2nd floor keeps jamming", description: "The HP LaserJet next to the kitchen jams on every second page since Monday. Tray 2 shows *paper jam* even when empty.", board: 0, status: InProgress, priority: 2, category: 0, assignee: Some(SAM), entered_hours_ago: 30, due_in_days: Some(2), conversation: &[
        (Reply, 2, "Thanks Ben. Could you send a photo of the error on the display? Meanwhile please use the printer in the meeting room."),
        (Client, 4, "Photo attached to the ticket. It says **13.B2.D1**."),
        (Note, 5, "13.B2 = fuser jam. Fuser kit is under the HP care pack, order via distributor (ref CP-88213)."),
        (Reply, 6, "That is the fuser unit. A replacement is ordered and we will fit it on Thursday morning."),
    ]},
    DemoTicket { contact: ALICE, title: "VPN disconnects every few minutes when working from home", description: "Since the update last week, FortiClient drops the connection every 5-10 minutes. Colleagues in the office are fine.", board: 0, status: Waiting, priority: 1, category: 2, assignee: Some(PRIYA), entered_hours_ago: 70, due_in_days: Some(1), conversation: &[
        (Reply, 1, "Hi Alice, which internet provider do you have at home, and does it happen on the 4G hotspot too?"),
        (Client, 20, "Fibre from Orange. I have not tried the hotspot yet."),
        (Note, 22, "Likely MTU issue with the new FortiOS 7.4 profile; test with MTU 1380 before escalating to the vendor."),
        (Reply, 23, "We pushed a new VPN profile to your laptop. Please restart and tell us if the drops continue."),
    ]},
    DemoTicket { contact: DANA, title: "New starter laptop for Marco Rossi (starts 3 June)", description: "Marco joins Sales on 3 June. He needs a laptop, a Microsoft 365 licence, access to the Sales shared mailbox and the CRM.", board: 1, status: InProgress, priority: 2, category: 5, assignee: Some(TOM), entered_hours_ago: 24 * 9, due_in_days: Some(6), conversation: &[
        (Reply, 3, "Noted. We have a Latitude 5440 in stock; we will image it this week. Which CRM role should Marco get?"),
        (Client, 26, "Sales Representative, same as Julia."),
        (Note, 27, "Licence: use one of the 2 spare Business Premium seats, do not buy new."),
    ]},
    DemoTicket { contact: ALICE, title: "Microsoft 365 licence for the new accountant", description: "Please assign an E3 licence to f.weber@acme-manufacturing.example.", board: 0, status: Resolved, priority: 3, category: 3, assignee: Some(SAM), entered_hours_ago: 24 * 12, due_in_days: None, conversation: &[
        (Reply, 2, "Done: the licence is assigned and the mailbox is being created. It can take up to an hour to appear."),
        (Client, 5, "Works, thank you!"),
    ]},
    DemoTicket { contact: BEN, title: "Backup alert: nightly job failed on FILESRV01", description: "We got an email from the backup software saying the job *FILESRV01-nightly* failed.", board: 0, status: Closed, priority: 1, category: 4, assignee: Some(PRIYA), entered_hours_ago: 24 * 20, due_in_days: None, conversation: &[
        (Note, 1, "VSS writer timeout. Restarted the VSS service and re-ran the job manually: success."),
        (Reply, 2, "The job failed because of a Windows snapshot timeout. We re-ran it successfully and will watch tonight's run."),
        (Reply, 26, "Tonight's backup ran fine too, closing this ticket."),
    ]},
    DemoTicket { contact: CHLOE, title: "Suspicious email asking to pay an invoice", description: "I received an email from our 'CEO' asking for an urgent transfer to a new supplier. The sender address looks odd.", board: 0, status: Resolved, priority: 0, category: 4, assignee: Some(PRIYA), entered_hours_ago: 24 * 4, due_in_days: None, conversation: &[
        (Reply, 1, "Thank you for reporting it, Chloé. **Do not reply or pay.** This is a phishing attempt; we removed the message from every mailbox."),
        (Note, 1, "Sender domain globex-logistlcs.com (typosquat). Blocked in Defender, added to tenant block list."),
        (Client, 3, "Thanks, I forwarded it to finance too so they know."),
        (Reply, 4, "Good call. We also blocked the sender's domain for the whole company."),
    ]},
    DemoTicket { contact: EVAN, title: "Warehouse Wi-Fi drops near loading bay 3", description: "Handheld scanners lose the connection near bay 3, pickers have to walk back to re-sync.", board: 0, status: InProgress, priority: 1, category: 2, assignee: Some(TOM), entered_hours_ago: 50, due_in_days: Some(-1), conversation: &[
        (Reply, 4, "We looked at the controller logs: the access point at bay 3 reboots several times a day. A technician will come on site."),
        (Note, 5, "AP-WH-07 PoE budget exceeded on switch SW-WH-2; plan a second PoE switch (quote needed)."),
    ]},
    DemoTicket { contact: BEN, title: "Excel crashes when opening the production planning sheet", description: "Excel closes without a message as soon as I open *Planning_2024.xlsm*. Other files open fine.", board: 0, status: New, priority: 2, category: 1, assignee: None, entered_hours_ago: 3, due_in_days: Some(3), conversation: &[]},
    DemoTicket { contact: ALICE, title: "Add Dana to the Finance shared mailbox", description: "Dana Kim needs full access and send-as on finance@acme-manufacturing.example.", board: 0, status: Closed, priority: 3, category: 5, assignee: Some(SAM), entered_hours_ago: 24 * 25, due_in_days: None, conversation: &[
        (Reply, 1, "Access granted. The mailbox will appear in Dana's Outlook within an hour."),
    ]},
    DemoTicket { contact: DANA, title: "Cannot scan to email from the copier", description: "The Canon copier says *send error #819* when scanning to email.", board: 0, status: Waiting, priority: 2, category: 0, assignee: Some(SAM), entered_hours_ago: 26, due_in_days: Some(2), conversation: &[
        (Reply, 2, "The copier uses an old password for the scan mailbox. Could you tell us when the copier is free so we can update it remotely?"),
    ]},
    DemoTicket { contact: CHLOE, title: "Invoice PDF export from the ERP is blank", description: "Since this morning, exported invoices are blank pages.", board: 0, status: InProgress, priority: 1, category: 1, assignee: Some(TOM), entered_hours_ago: 5, due_in_days: Some(0), conversation: &[
        (Client, 1, "It's urgent, month-end billing runs tomorrow."),
        (Reply, 2, "Understood, we are on it with the ERP vendor and will update you before 5pm."),
        (Note, 2, "Vendor case #55102 opened; workaround = print to Microsoft PDF printer."),
    ]},
    DemoTicket { contact: EVAN, title: "Replace broken monitor at dispatch desk", description: "The left monitor at the dispatch desk flickers and then goes black.", board: 0, status: Resolved, priority: 3, category: 0, assignee: Some(TOM), entered_hours_ago: 24 * 15, due_in_days: None, conversation: &[
        (Reply, 20, "A replacement Dell P2422H was installed this morning."),
        (Client, 22, "All good, thanks Tom."),
    ]},
    DemoTicket { contact: BEN, title: "Password reset for the shop-floor terminal account", description: "The account *shopfloor-3* is locked.", board: 0, status: Closed, priority: 2, category: 5, assignee: Some(SAM), entered_hours_ago: 24 * 30, due_in_days: None, conversation: &[
        (Reply, 1, "Unlocked and the password was reset; the new one is in the shop-floor binder as usual."),
        (Note, 1, "Locked by a stale session on TERM-03, logged it off."),
    ]},
    DemoTicket { contact: ALICE, title: "Teams calls: colleagues cannot hear me", description: "My headset works in other apps but in Teams calls nobody hears me.", board: 0, status: Waiting, priority: 3, category: 3, assignee: Some(PRIYA), entered_hours_ago: 24 * 2, due_in_days: None, conversation: &[
        (Reply, 3, "Please open Teams > Settings > Devices and check that the *Jabra* microphone is selected, then make a test call. Does it work?"),
    ]},
    DemoTicket { contact: DANA, title: "Request: second screen for home office", description: "Could I get a second screen for my home office? Manager approved.", board: 0, status: New, priority: 3, category: 0, assignee: None, entered_hours_ago: 20, due_in_days: None, conversation: &[]},
    DemoTicket { contact: CHLOE, title: "Enable MFA for the finance team", description: "After the phishing attempt we would like MFA for everyone in finance.", board: 1, status: InProgress, priority: 1, category: 4, assignee: Some(PRIYA), entered_hours_ago: 24 * 3, due_in_days: Some(10), conversation: &[
        (Reply, 2, "Great idea. We suggest the Microsoft Authenticator app; we will send each person a short guide, then enforce it on the 15th."),
        (Client, 6, "Sounds good. Can we do a 15 minute session with the team first?"),
        (Reply, 7, "Of course, Tuesday 10:00 works for us. We'll send an invite."),
    ]},
    DemoTicket { contact: ALICE, title: "Firewall firmware upgrade (FortiGate 60F)", description: "Planned upgrade to the recommended FortiOS release.", board: 1, status: Waiting, priority: 2, category: 6, assignee: Some(TOM), entered_hours_ago: 24 * 6, due_in_days: Some(5), conversation: &[
        (Reply, 1, "We propose Saturday 07:00-08:00; internet and VPN will be down for about 15 minutes. Can you approve this window?"),
        (Note, 1, "Backup config first; release notes mention an SSL-VPN change, retest Alice's VPN after."),
    ]},
    DemoTicket { contact: EVAN, title: "Move the label printer to the new packing station", description: "We are rearranging the packing area next week.", board: 1, status: New, priority: 3, category: 6, assignee: None, entered_hours_ago: 28, due_in_days: Some(8), conversation: &[]},
    DemoTicket { contact: BEN, title: "Install SolidWorks update on the design PCs", description: "Design team needs SolidWorks 2024 SP3 on the 4 CAD workstations.", board: 1, status: Resolved, priority: 3, category: 1, assignee: Some(SAM), entered_hours_ago: 24 * 11, due_in_days: None, conversation: &[
        (Reply, 24, "Installed on all four workstations overnight; licences reactivated."),
    ]},
    DemoTicket { contact: DANA, title: "Outlook keeps asking for my password", description: "Outlook prompts for my password several times a day.", board: 0, status: InProgress, priority: 2, category: 3, assignee: Some(PRIYA), entered_hours_ago: 8, due_in_days: Some(1), conversation: &[
        (Client, 2, "It just happened again during a meeting."),
        (Reply, 3, "Sorry about that. We cleared the stored credentials remotely; please restart Outlook and let us know."),
        (Client, 6, "Still asking after the restart."),
    ]},
    DemoTicket { contact: CHLOE, title: "Access to the bank portal from the new laptop", description: "The bank's security app does not install on my new laptop.", board: 0, status: Closed, priority: 2, category: 1, assignee: Some(SAM), entered_hours_ago: 24 * 18, due_in_days: None, conversation: &[
        (Reply, 2, "The app needed admin rights; it's installed now. Please try logging in."),
        (Client, 3, "It works. Thanks!"),
    ]},
    DemoTicket { contact: ALICE, title: "Quarterly review of user accounts", description: "Please send the list of active accounts for our quarterly access review.", board: 1, status: New, priority: 3, category: 5, assignee: None, entered_hours_ago: 24 * 2, due_in_days: Some(12), conversation: &[]},
    DemoTicket { contact: EVAN, title: "Tablet for the yard supervisor", description: "We need a rugged tablet for yard checks, with the WMS app.", board: 1, status: Waiting, priority: 3, category: 0, assignee: Some(TOM), entered_hours_ago: 24 * 8, due_in_days: Some(14), conversation: &[
        (Reply, 4, "We suggest the Samsung Galaxy Tab Active5 (quote attached). Shall we order it?"),
        (Note, 4, "Margin ok at list price; delivery 5 working days."),
    ]},
    DemoTicket { contact: BEN, title: "Antivirus blocked a USB stick from a supplier", description: "Defender blocked the USB stick with the supplier's drawings.", board: 0, status: Resolved, priority: 1, category: 4, assignee: Some(PRIYA), entered_hours_ago: 24 * 6, due_in_days: None, conversation: &[
        (Reply, 1, "Good that it was blocked: the stick carried a known worm. Please ask the supplier to send the drawings by secure link instead."),
        (Note, 1, "Detection: Worm:Win32/Phorpiex. No execution, device isolated 10 min, full scan clean."),
        (Client, 5, "Supplier sent a link, all fine now."),
    ]},
    DemoTicket { contact: DANA, title: "Meeting room screen does not show laptop", description: "The big screen in meeting room B says *no signal* with the USB-C adapter.", board: 0, status: New, priority: 2, category: 0, assignee: None, entered_hours_ago: 1, due_in_days: None, conversation: &[]},
];

struct Catalog {
    boards: [Uuid; 2],
    /// `[board][status]`
    statuses: [[Uuid; 5]; 2],
    priorities: [Uuid; 4],
    categories: [Uuid; 7],
}

fn status_index(s: Status) -> usize {
    match s {
        New => 0,
        InProgress => 1,
        Waiting => 2,
        Resolved => 3,
        Closed => 4,
    }
}

async fn catalog(db: &Db, tenant: Uuid, at: DateTime<Utc>) -> anyhow::Result<Catalog> {
    let mut c = Catalog {
        boards: [id(1), id(2)],
        statuses: [[Uuid::nil(); 5]; 2],
        priorities: [Uuid::nil(); 4],
        categories: [Uuid::nil(); 7],
    };
    for (i, (name, is_default)) in BOARDS.iter().enumerate() {
        let board = BoardInput {
            name: (*name).into(),
            is_default: *is_default,
            is_inactive: false,
            display_order: i as i64,
        };
        apply::upsert_board(db, tenant, c.boards[i], &board, at).await?;
        for (j, (name, is_closed, is_default)) in STATUSES.iter().enumerate() {
            c.statuses[i][j] = id(10 + (i as u128) * 10 + j as u128);
            let status = StatusInput {
                board_id: c.boards[i],
                name: (*name).into(),
                is_closed: *is_closed,
                is_default: *is_default,
                display_order: j as i64,
            };
            apply::upsert_status(db, tenant, c.statuses[i][j], &status, at).await?;
        }
    }
    for (i, (name, color, is_default)) in PRIORITIES.iter().enumerate() {
        c.priorities[i] = id(40 + i as u128);
        let priority = PriorityInput {
            name: (*name).into(),
            color: (*color).into(),
            board_id: None,
            is_default: *is_default,
            display_order: i as i64,
        };
        apply::upsert_priority(db, tenant, c.priorities[i], &priority, at).await?;
    }
    for (i, (name, board)) in CATEGORIES.iter().enumerate() {
        c.categories[i] = id(50 + i as u128);
        let category = CategoryInput {
            name: (*name).into(),
            board_id: board.map(|b| c.boards[b]),
            display_order: i as i64,
        };
        apply::upsert_category(db, tenant, c.categories[i], &category, at).await?;
    }
    Ok(c)
}

/// Seeds the tickets when the demo tenant has no board yet (so a re-run changes nothing).
pub async fn seed(db: &Db, tenant: Uuid, now: DateTime<Utc>) -> anyhow::Result<()> {
    if !apply::boards(db, tenant).await?.is_empty() {
        return Ok(());
    }
    let start = now - Duration::days(40);
    let c = catalog(db, tenant, start).await?;
    // Ben sees only his own tickets; Dana only the service desk's.
    let group = id(60);
    let desk_only = VisibilityGroupInput {
        name: "Service Desk only".into(),
        board_ids: vec![c.boards[0]],
    };
    apply::upsert_visibility_group(db, tenant, group, &desk_only, start).await?;
    for (email, scope, group) in [
        (BEN, TicketScope::Contact, None),
        (DANA, TicketScope::Client, Some(group)),
    ] {
        if let Some(contact) = store::contact_by_email(db, tenant, email).await? {
            let access = TicketAccessInput {
                scope,
                visibility_group_id: group,
            };
            apply::set_ticket_access(db, tenant, contact.contact_id, &access).await?;
        }
    }
    for (n, t) in TICKETS.iter().enumerate() {
        seed_ticket(db, tenant, &c, n, t, now)
            .await
            .with_context(|| format!("demo ticket {:?}", t.title))?;
    }
    Ok(())
}

async fn seed_ticket(
    db: &Db,
    tenant: Uuid,
    c: &Catalog,
    n: usize,
    t: &DemoTicket,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(contact) = store::contact_by_email(db, tenant, t.contact).await? else {
        return Ok(());
    };
    let ticket_id = id(1000 + n as u128);
    let entered = now - Duration::hours(t.entered_hours_ago);
    let mut input = TicketInput {
        number: format!("NW-{}", 20_400 + n),
        title: t.title.into(),
        description: t.description.into(),
        board_id: c.boards[t.board],
        status_id: c.statuses[t.board][0],
        priority_id: c.priorities[t.priority],
        category_id: Some(c.categories[t.category]),
        client_id: contact.client_id,
        contact_id: Some(contact.contact_id),
        assignee_name: t.assignee.map(str::to_owned),
        due_at: t
            .due_in_days
            .map(|d| (now + Duration::days(d)).date_naive())
            .and_then(|d| d.and_hms_opt(17, 0, 0))
            .map(|d| d.and_utc()),
        entered_at: Some(entered),
        response_state: Some(ResponseState::AwaitingInternal),
    };
    apply::upsert_ticket(db, tenant, ticket_id, &input, entered).await?;
    let mut last = entered;
    for (k, (who, after, body)) in t.conversation.iter().enumerate() {
        let at = entered + Duration::hours(*after);
        let comment_id = id(100_000 + (n as u128) * 100 + k as u128);
        match who {
            Client => {
                let mut tx = db.begin().await?;
                portal_actors::store::tickets::insert_client_comment(
                    tx.exec(),
                    tenant,
                    ticket_id,
                    comment_id,
                    contact.user_id,
                    &contact.full_name,
                    body,
                    at,
                )
                .await?;
                portal_actors::store::tickets::touch(
                    tx.exec(),
                    tenant,
                    ticket_id,
                    Some(ResponseState::AwaitingInternal),
                    at,
                )
                .await?;
                tx.commit().await?;
            }
            Reply | Note => {
                let comment = CommentInput {
                    comment_id: Some(comment_id),
                    author_name: t.assignee.unwrap_or(SAM).into(),
                    body: (*body).into(),
                    internal: matches!(who, Note),
                };
                apply::add_comment(db, tenant, ticket_id, &comment, at).await?;
            }
        }
        last = last.max(at);
    }
    // Then the ticket reaches its status now, awaiting whoever the conversation left it with.
    let status = status_index(t.status);
    if status != 0 {
        input.status_id = c.statuses[t.board][status];
        input.response_state = None;
        apply::upsert_ticket(
            db,
            tenant,
            ticket_id,
            &input,
            (last + Duration::minutes(30)).min(now),
        )
        .await?;
    }
    Ok(())
}
