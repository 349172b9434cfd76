//! `DnsVerifier`: checks that a vanity domain's CNAME points at the portal. hickory-resolver with
//! configured name servers and timeout; answers (whole CNAME chains, compared case-insensitively
//! without the trailing dot) cached in moka with positive and negative TTLs; on a schedule moves
//! `pending_dns` (and `dns_failed`) domains through `verifying_dns` to `pending_certificate` or
//! `dns_failed`.

mod flush;
mod messages;

pub use flush::{DomainFlush, FlushDomain};
pub use messages::*;

use std::net::SocketAddr;
use std::time::Duration as StdDuration;

use actix::{Context, Handler, ResponseFuture};
use hickory_resolver::config::{NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::proto::xfer::Protocol;
use hickory_resolver::TokioResolver;
use moka::sync::Cache;

use crate::clock::SharedClock;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::portal_domain::{same_dns_name, DomainStatus, PortalDomain};
use crate::registry::ActorRegistry;
use crate::store::portal_domains as store;
use crate::supervision::{spawn_periodic, supervised_actor, PeriodicOutcome, PortalActor};

pub const ACTOR_NAME: &str = "dns_verifier";
/// Longest CNAME chain followed.
pub const MAX_CHAIN: usize = 8;
/// Domains verified per scheduled run.
const BATCH: i64 = 100;

#[derive(Debug, Clone)]
pub struct DnsSettings {
    /// Empty: the system's resolvers (`/etc/resolv.conf`).
    pub name_servers: Vec<SocketAddr>,
    pub timeout: StdDuration,
    pub positive_ttl: StdDuration,
    pub negative_ttl: StdDuration,
    pub reverify_interval: StdDuration,
}

/// What DNS said about a name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CnameAnswer {
    /// The chain of CNAME targets, first hop first.
    Chain(Vec<String>),
    NotFound,
}

#[derive(Clone)]
struct DnsCore {
    db: Db,
    clock: SharedClock,
    resolver: TokioResolver,
    found: Cache<String, CnameAnswer>,
    missing: Cache<String, CnameAnswer>,
    metrics: Metrics,
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl DnsCore {
    async fn lookup_chain(&self, domain: &str) -> Result<CnameAnswer, String> {
        let mut chain: Vec<String> = Vec::new();
        let mut name = normalise(domain);
        for _ in 0..MAX_CHAIN {
            match self
                .resolver
                .lookup(format!("{name}."), RecordType::CNAME)
                .await
            {
                Ok(lookup) => {
                    let next = lookup.iter().find_map(|r| match r {
                        RData::CNAME(c) => Some(normalise(&c.0.to_utf8())),
                        _ => None,
                    });
                    match next {
                        Some(target) if !chain.contains(&target) => {
                            chain.push(target.clone());
                            name = target;
                        }
                        _ => break,
                    }
                }
                Err(e) if e.is_no_records_found() => break,
                Err(e) if chain.is_empty() => return Err(e.to_string()),
                Err(_) => break,
            }
        }
        Ok(if chain.is_empty() {
            CnameAnswer::NotFound
        } else {
            CnameAnswer::Chain(chain)
        })
    }

    async fn verify(&self, domain: &str, expected: &str) -> DnsCheck {
        let key = normalise(domain);
        let cached = self.found.get(&key).or_else(|| self.missing.get(&key));
        let (answer, source) = match cached {
            Some(answer) => {
                self.metrics
                    .dns_cache_requests
                    .with_label_values(&["hit"])
                    .inc();
                (Ok(answer), "cache")
            }
            None => {
                self.metrics
                    .dns_cache_requests
                    .with_label_values(&["miss"])
                    .inc();
                let answer = self.lookup_chain(&key).await;
                match &answer {
                    Ok(a @ CnameAnswer::Chain(_)) => self.found.insert(key.clone(), a.clone()),
                    Ok(a @ CnameAnswer::NotFound) => self.missing.insert(key.clone(), a.clone()),
                    Err(_) => {}
                }
                (answer, "resolver")
            }
        };
        let check = match answer {
            Ok(CnameAnswer::Chain(chain)) => DnsCheck {
                matches: chain.iter().any(|t| same_dns_name(t, expected)),
                chain,
                source,
                error: None,
            },
            Ok(CnameAnswer::NotFound) => DnsCheck {
                matches: false,
                chain: Vec::new(),
                source,
                error: None,
            },
            Err(e) => DnsCheck {
                matches: false,
                chain: Vec::new(),
                source,
                error: Some(e),
            },
        };
        self.metrics
            .dns_verifications
            .with_label_values(&[check.outcome(), source])
            .inc();
        check
    }

    /// Moves one domain through `verifying_dns` to `pending_certificate` or `dns_failed`.
    async fn verify_domain(
        &self,
        domain: PortalDomain,
        fresh: bool,
    ) -> Result<PortalDomain, DnsError> {
        if fresh {
            self.forget(&domain.domain);
        }
        Ok(self.check_and_move(domain).await?.0)
    }

    /// Forgets the cached answer for one name; answers how many entries went (0 or 1).
    fn forget(&self, name: &str) -> u64 {
        let key = normalise(name);
        let found = self.found.remove(&key).is_some();
        let missing = self.missing.remove(&key).is_some();
        u64::from(found).saturating_add(u64::from(missing))
    }

    /// [`Self::verify_domain`] without forgetting first, answering the check it made too.
    async fn check_and_move(
        &self,
        domain: PortalDomain,
    ) -> Result<(PortalDomain, DnsCheck), DnsError> {
        let now = self.clock.now();
        store::set_status(
            &self.db,
            domain.tenant,
            DomainStatus::VerifyingDns,
            None,
            false,
            None,
            now,
        )
        .await?;
        let check = self.verify(&domain.domain, &domain.expected_cname).await;
        let status = if check.matches {
            DomainStatus::PendingCertificate
        } else {
            DomainStatus::DnsFailed
        };
        let message = check.describe(&domain.expected_cname);
        let now = self.clock.now();
        store::set_status(
            &self.db,
            domain.tenant,
            status,
            Some(&message),
            true,
            Some(&[DomainStatus::VerifyingDns]),
            now,
        )
        .await?;
        let moved = store::find_by_tenant(&self.db, domain.tenant)
            .await?
            .ok_or(DnsError::UnknownDomain)?;
        Ok((moved, check))
    }

    async fn verify_pending(&self) -> Result<usize, DnsError> {
        let pending = store::list_in_status(
            &self.db,
            &[DomainStatus::PendingDns, DomainStatus::DnsFailed],
            BATCH,
        )
        .await?;
        let n = pending.len();
        for domain in pending {
            self.verify_domain(domain, false).await?;
        }
        Ok(n)
    }
}

pub struct DnsVerifier {
    core: DnsCore,
    interval: StdDuration,
    registry: ActorRegistry,
}

impl DnsVerifier {
    pub fn new(
        db: Db,
        clock: SharedClock,
        settings: &DnsSettings,
        metrics: Metrics,
        registry: ActorRegistry,
    ) -> Self {
        let config = if settings.name_servers.is_empty() {
            hickory_resolver::system_conf::read_system_conf()
                .map(|(config, _)| config)
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "cannot read the system's DNS configuration");
                    ResolverConfig::new()
                })
        } else {
            let mut config = ResolverConfig::new();
            for addr in &settings.name_servers {
                config.add_name_server(NameServerConfig::new(*addr, Protocol::Udp));
                config.add_name_server(NameServerConfig::new(*addr, Protocol::Tcp));
            }
            config
        };
        let mut options = ResolverOpts::default();
        options.timeout = settings.timeout;
        options.attempts = 1;
        options.cache_size = 0; // our own cache decides what is remembered, and for how long
        options.use_hosts_file = ResolveHosts::Never;
        let resolver =
            TokioResolver::builder_with_config(config, TokioConnectionProvider::default())
                .with_options(options)
                .build();
        let found = Cache::builder()
            .max_capacity(10_000)
            .time_to_live(settings.positive_ttl)
            .build();
        let missing = Cache::builder()
            .max_capacity(10_000)
            .time_to_live(settings.negative_ttl)
            .build();
        Self {
            core: DnsCore {
                db,
                clock,
                resolver,
                found,
                missing,
                metrics,
            },
            interval: settings.reverify_interval,
            registry,
        }
    }
}

supervised_actor!(DnsVerifier);

impl PortalActor for DnsVerifier {
    const NAME: &'static str = ACTOR_NAME;

    fn registry(&self) -> &ActorRegistry {
        &self.registry
    }

    fn clock(&self) -> &SharedClock {
        &self.core.clock
    }

    fn on_started(&mut self, ctx: &mut Context<Self>) {
        spawn_periodic(ctx, self.interval, |act: &mut Self, _| {
            let core = act.core.clone();
            Some(async move {
                PeriodicOutcome::of(
                    core.verify_pending().await,
                    "scheduled DNS verification failed",
                    |n| format!("verified {n} domain(s)"),
                )
            })
        });
    }
}

impl Handler<VerifyCname> for DnsVerifier {
    type Result = ResponseFuture<Result<DnsCheck, DnsError>>;

    /// Checks a CNAME through the cache (the exchange endpoint's DNS rule).
    fn handle(&mut self, msg: VerifyCname, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { Ok(core.verify(&msg.domain, &msg.expected).await) })
    }
}

impl Handler<FlushDnsCache> for DnsVerifier {
    type Result = Result<u64, DnsError>;

    /// Empties both caches.
    fn handle(&mut self, _: FlushDnsCache, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let n = self
            .core
            .found
            .entry_count()
            .saturating_add(self.core.missing.entry_count());
        self.core.found.invalidate_all();
        self.core.missing.invalidate_all();
        Ok(n)
    }
}

impl Handler<ReverifyDomain> for DnsVerifier {
    type Result = ResponseFuture<Result<PortalDomain, DnsError>>;

    /// Looks the tenant's domain up afresh and moves its status.
    fn handle(&mut self, msg: ReverifyDomain, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move {
            let domain = store::find_by_tenant(&core.db, msg.tenant)
                .await?
                .ok_or(DnsError::UnknownDomain)?;
            core.verify_domain(domain, true).await
        })
    }
}

impl Handler<VerifyPending> for DnsVerifier {
    type Result = ResponseFuture<Result<usize, DnsError>>;

    /// Runs the scheduled pass now.
    fn handle(&mut self, _: VerifyPending, _: &mut Self::Context) -> Self::Result {
        self.count_handled();
        let core = self.core.clone();
        Box::pin(async move { core.verify_pending().await })
    }
}
