//! `Services`: the actor addresses and shared resources that the domain functions called from
//! the HTTP edge take as one argument.

use crate::mailbox::CountingAddr;

use crate::audit::Audit;
use crate::clock::SharedClock;
use crate::credentials::Credentials;
use crate::db::Db;
use crate::handoff::Handoff;
use crate::login_throttle::LoginThrottle;
use crate::metrics::Metrics;
use crate::secret_box::SecretBox;
use crate::sessions::Sessions;

/// The actors and resources the domain operations called from HTTP need (sign-in, handoff,
/// two-factor, recovery): one bag, cloned into each request.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub clock: SharedClock,
    pub metrics: Metrics,
    pub credentials: CountingAddr<Credentials>,
    pub sessions: CountingAddr<Sessions>,
    pub audit: CountingAddr<Audit>,
    pub handoff: CountingAddr<Handoff>,
    /// Seals two-factor secrets at rest.
    pub secret_box: SecretBox,
    /// How long a sign-in may wait for its second factor.
    pub second_factor_ttl: chrono::Duration,
    pub throttle: CountingAddr<LoginThrottle>,
}
