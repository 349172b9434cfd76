//! Flushing one domain: its cached answer is forgotten (other domains' stay) and it is looked
//! up again at once. A domain still in the DNS steps (`pending_dns`, `verifying_dns`,
//! `dns_failed`) moves on the new answer as the scheduled verification would move it; a
//! domain past them (certificate, deploying, active, disabled) keeps its status, and the
//! answer says what DNS says now.

use actix::{Handler, Message, ResponseFuture};
use serde::Serialize;
use uuid::Uuid;

use super::{DnsCheck, DnsCore, DnsError, DnsVerifier};
use crate::portal_domain::{DomainStatus, PortalDomain};
use crate::store::portal_domains as store;
use crate::supervision::PortalActor;

/// Forgets the cached answer for one tenant's domain and verifies it afresh.
#[derive(Message)]
#[rtype(result = "Result<DomainFlush, DnsError>")]
pub struct FlushDomain {
    pub tenant: Uuid,
}

/// What a flush did and found.
#[derive(Debug, Clone, Serialize)]
pub struct DomainFlush {
    /// Cached answers dropped for this domain (0 or 1).
    pub forgotten: u64,
    /// The fresh lookup.
    pub check: DnsCheck,
    /// Whether the domain's status followed the answer (it was still in the DNS steps).
    pub status_moved: bool,
    pub domain: PortalDomain,
    /// Answers cached after the flush, every domain's (the others' are kept).
    pub cached_answers: u64,
}

impl DnsCore {
    async fn flush_domain(&self, tenant: Uuid) -> Result<DomainFlush, DnsError> {
        let domain = store::find_by_tenant(&self.db, tenant)
            .await?
            .ok_or(DnsError::UnknownDomain)?;
        let forgotten = self.forget(&domain.domain);
        let in_dns_steps = matches!(
            domain.status,
            DomainStatus::PendingDns | DomainStatus::VerifyingDns | DomainStatus::DnsFailed
        );
        let (domain, check) = if in_dns_steps {
            self.check_and_move(domain).await?
        } else {
            let check = self.verify(&domain.domain, &domain.expected_cname).await;
            (domain, check)
        };
        self.found.run_pending_tasks();
        self.missing.run_pending_tasks();
        Ok(DomainFlush {
            forgotten,
            check,
            status_moved: in_dns_steps,
            domain,
            cached_answers: self
                .found
                .entry_count()
                .saturating_add(self.missing.entry_count()),
        })
    }
}

impl Handler<FlushDomain> for DnsVerifier {
    type Result = ResponseFuture<Result<DomainFlush, DnsError>>;

    /// Forgets one domain's cached answer and verifies it now.
    fn handle(&mut self, msg: FlushDomain, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.flush_domain(msg.tenant).await })
    }
}
