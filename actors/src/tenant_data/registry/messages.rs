//! The `TenantRegistry` actor's messages: a tenant's data actor, stopping idle ones, how many
//! run.

use actix::Addr;
use uuid::Uuid;

use crate::supervision::ActorFault;
use crate::tenant_data::TenantData;

/// The tenant's data actor, started if it is not running.
#[derive(actix::Message)]
#[rtype(result = "Result<Addr<TenantData>, ActorFault>")]
pub struct TenantDataFor(pub Uuid);

/// Stops every tenant actor idle at least this long (operators; zero stops all); yields how
/// many stopped.
#[derive(actix::Message)]
#[rtype(result = "Result<u64, ActorFault>")]
pub struct StopIdleTenants {
    pub idle_for: chrono::Duration,
}

/// How many tenant actors are running.
#[derive(actix::Message)]
#[rtype(result = "usize")]
pub struct LiveTenants;
