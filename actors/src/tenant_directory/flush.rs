//! Flushing one tenant: every cached answer about it goes (found under its slug, id or any
//! host, the not-found answers for its slug, id and hosts, its portal-domain answers); other
//! tenants' entries stay.

use std::collections::HashSet;

use actix::{Handler, Message, ResponseFuture};
use uuid::Uuid;

use super::{DirectoryCore, DirectoryError, DomainKey, TenantDirectory, TenantKey};
use crate::store::portal_domains;
use crate::supervision::PortalActor;

/// Forgets what the directory caches about one tenant; answers how many entries went.
#[derive(Message)]
#[rtype(result = "Result<u64, DirectoryError>")]
pub struct FlushTenant {
    pub tenant: Uuid,
    /// Its slug, when known (not-found answers for it go too).
    pub slug: Option<String>,
}

impl DirectoryCore {
    async fn flush_tenant(
        &self,
        tenant: Uuid,
        slug: Option<String>,
    ) -> Result<u64, DirectoryError> {
        let mut hosts: HashSet<String> = HashSet::new();
        if let Some(domain) = portal_domains::find_by_tenant(&self.db, tenant).await? {
            hosts.insert(domain.domain);
        }
        let found: Vec<TenantKey> = self
            .found
            .iter()
            .filter(|(_, info)| info.id == tenant)
            .map(|(key, _)| TenantKey::clone(&key))
            .collect();
        hosts.extend(found.iter().filter_map(|key| match key {
            TenantKey::Host(host) => Some(host.clone()),
            _ => None,
        }));
        let domains: Vec<DomainKey> = self
            .domains
            .iter()
            .filter(|(key, answer)| {
                matches!(key.as_ref(), DomainKey::Tenant(id) if *id == tenant)
                    || answer.as_ref().is_some_and(|d| d.tenant == tenant)
                    || matches!(key.as_ref(), DomainKey::Host(h) if hosts.contains(h))
            })
            .map(|(key, _)| DomainKey::clone(&key))
            .collect();
        let unknown: Vec<TenantKey> = self
            .unknown
            .iter()
            .filter(|(key, _)| match key.as_ref() {
                TenantKey::Slug(s) => slug.as_ref() == Some(s),
                TenantKey::Id(id) => *id == tenant,
                TenantKey::Host(h) => hosts.contains(h),
            })
            .map(|(key, _)| TenantKey::clone(&key))
            .collect();
        let mut removed = 0_u64;
        for key in &found {
            removed = removed.saturating_add(u64::from(self.found.remove(key).is_some()));
        }
        for key in &unknown {
            removed = removed.saturating_add(u64::from(self.unknown.remove(key).is_some()));
        }
        for key in &domains {
            removed = removed.saturating_add(u64::from(self.domains.remove(key).is_some()));
        }
        Ok(removed)
    }
}

impl Handler<FlushTenant> for TenantDirectory {
    type Result = ResponseFuture<Result<u64, DirectoryError>>;

    /// Forgets one tenant's cached answers.
    fn handle(&mut self, msg: FlushTenant, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.flush_tenant(msg.tenant, msg.slug).await })
    }
}
