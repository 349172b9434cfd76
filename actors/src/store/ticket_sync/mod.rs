//! Ticket sync SQL: the integration API's upserts of boards, statuses, priorities, categories,
//! visibility groups, contacts' ticket access and tickets; its feed and full ticket reads; MSP
//! comments and files. Every function takes the tenant first; only `ticket_sync::apply` calls
//! these, with the tenant of the `TenantData` actor (or the demo seed's).

mod access;
mod boards;
mod choices;
mod statuses;
mod tickets;

pub use access::*;
pub use boards::*;
pub use choices::*;
pub use statuses::*;
pub use tickets::*;
