//! Billing as clients see it: money in a currency's minor unit (`money`), and an invoice's status
//! derived from its payments, credit and due date (`status`). The PSA sends the data through the
//! integration API; what is stored is in migration `0014_billing`.

pub mod money;
pub mod portal;
pub mod status;

pub use money::{Currency, Money};
pub use status::{InvoiceStatus, Settlement, StoredStatus};
