//! The scaffolding every supervised actor shares, written once: registry reports at start, stop
//! and restart (`supervised_actor!`), the operators' `Restart` and the fault-injection
//! `InjectPanic` handlers, periodic runs that report to the registry (`spawn_periodic`), the
//! table the admin API restarts actors through (`SupervisedActors`), and turning a panic inside
//! a handler into a supervised restart (`guard!`).
//!
//! actix's `Supervisor` restarts an actor that stops; a panic would instead unwind through the
//! arbiter and lose the actor. `guard!` catches it, logs it, and stops the actor so that its
//! supervisor restarts it (`Supervised::restarting` counts it in the registry and metrics).

use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration as StdDuration;

use actix::{Actor, AsyncContext, Context, Handler, MailboxError, Running};

use crate::clock::SharedClock;
use crate::mailbox::{Counted, CountingAddr, CountingRecipient};
use crate::registry::ActorRegistry;

/// Message that makes an actor panic, for fault-injection tests (the admin endpoint that sends
/// it is only mounted when `admin.fault_injection` is enabled).
#[derive(actix::Message, Debug, Clone, Copy)]
#[rtype(result = "Result<(), ActorFault>")]
pub struct InjectPanic;

/// Message that asks an actor to restart through its supervisor (operators' admin action).
#[derive(actix::Message, Debug, Clone, Copy)]
#[rtype(result = "Result<(), ActorFault>")]
pub struct Restart;

/// Message that keeps the actor's mailbox shut for a while, for fault-injection tests of the
/// mailbox depth (the admin endpoint that sends it is only mounted with `admin.fault_injection`).
#[derive(actix::Message, Debug, Clone, Copy)]
#[rtype(result = "Result<(), ActorFault>")]
pub struct Stall(pub StdDuration);

#[derive(Debug, thiserror::Error, Clone, Copy)]
#[error("the actor failed while handling the message and is being restarted")]
pub struct ActorFault;

/// Runs `$body`; on panic logs it, stops the actor (its supervisor restarts it) and yields `$on_panic`.
#[macro_export]
macro_rules! guard {
    ($actor:expr, $ctx:expr, $body:expr, $on_panic:expr) => {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                tracing::error!(actor = $actor, panic = %message, "actor panicked; restarting it");
                actix::ActorContext::stop($ctx);
                $on_panic
            }
        }
    };
}

/// The body of an `InjectPanic` handler: panics on purpose.
#[allow(clippy::panic)]
pub fn injected_fault() -> Result<(), ActorFault> {
    panic!("injected fault")
}

/// An actor that reports to the registry under one name. With `supervised_actor!` its
/// lifecycle (start, stop, restart) is reported for it; the `on_*` hooks add its own work.
pub trait PortalActor: Actor<Context = Context<Self>> {
    /// The name it reports under (`/admin/actors`, metrics, the admin restart table).
    const NAME: &'static str;

    /// Where it reports.
    fn registry(&self) -> &ActorRegistry;

    /// The clock its reports are stamped with.
    fn clock(&self) -> &SharedClock;

    /// Starts the actor's own work (periodic runs, a first pass), after the start is recorded.
    fn on_started(&mut self, _ctx: &mut Context<Self>) {}

    /// Saves what must not be lost before the actor stops (`Actor::stopping`).
    fn on_stopping(&mut self, _ctx: &mut Context<Self>) -> Running {
        Running::Stop
    }

    /// Releases what the actor holds, after it is recorded as stopped.
    fn on_stopped(&mut self) {}

    /// Resets what a fresh start needs, after the restart is counted.
    fn on_restarting(&mut self) {}

    /// Counts one handled message (every handler calls it, so `messages_handled` is true).
    fn count_handled(&self) {
        self.registry().handled(Self::NAME);
    }
}

/// Writes a `PortalActor`'s `Actor` and `Supervised` impls (registry reports, then its hooks),
/// its `Restart` and `InjectPanic` handlers, and its counted mailbox (`counted_mailbox!`).
macro_rules! supervised_actor {
    ($actor:ty) => {
        impl actix::Actor for $actor {
            type Context = actix::Context<Self>;

            fn started(&mut self, ctx: &mut Self::Context) {
                use $crate::supervision::PortalActor as _;
                self.registry().started(Self::NAME, self.clock().now());
                self.on_started(ctx);
            }

            fn stopping(&mut self, ctx: &mut Self::Context) -> actix::Running {
                $crate::supervision::PortalActor::on_stopping(self, ctx)
            }

            fn stopped(&mut self, _: &mut Self::Context) {
                use $crate::supervision::PortalActor as _;
                self.registry().stopped(Self::NAME);
                self.on_stopped();
            }
        }

        impl actix::Supervised for $actor {
            fn restarting(&mut self, _: &mut Self::Context) {
                use $crate::supervision::PortalActor as _;
                self.registry().restarting(Self::NAME);
                self.on_restarting();
            }
        }

        impl actix::Handler<$crate::supervision::Restart> for $actor {
            type Result = Result<(), $crate::supervision::ActorFault>;

            /// Stops the actor (after its `on_stopping`) so that its supervisor starts it again.
            fn handle(
                &mut self,
                _: $crate::supervision::Restart,
                ctx: &mut Self::Context,
            ) -> Self::Result {
                $crate::supervision::PortalActor::count_handled(self);
                actix::ActorContext::stop(ctx);
                Ok(())
            }
        }

        $crate::supervision::inject_panic_handler!($actor);
        $crate::counted_mailbox!($actor);

        impl actix::Handler<$crate::supervision::Stall> for $actor {
            type Result = Result<(), $crate::supervision::ActorFault>;

            /// Answers at once, then handles no other message until the time is up.
            fn handle(
                &mut self,
                msg: $crate::supervision::Stall,
                ctx: &mut Self::Context,
            ) -> Self::Result {
                $crate::supervision::PortalActor::count_handled(self);
                actix::AsyncContext::wait(ctx, actix::fut::wrap_future(tokio::time::sleep(msg.0)));
                Ok(())
            }
        }
    };
}
pub(crate) use supervised_actor;

/// Writes a `PortalActor`'s `InjectPanic` handler: it panics inside the handler, and `guard!`
/// turns that into a stop (fault-injection tests of supervision).
macro_rules! inject_panic_handler {
    ($actor:ty) => {
        impl actix::Handler<$crate::supervision::InjectPanic> for $actor {
            type Result = Result<(), $crate::supervision::ActorFault>;

            /// Panics inside the handler (fault-injection tests of supervision).
            fn handle(
                &mut self,
                _: $crate::supervision::InjectPanic,
                ctx: &mut Self::Context,
            ) -> Self::Result {
                use $crate::supervision::PortalActor as _;
                self.count_handled();
                $crate::guard!(
                    Self::NAME,
                    ctx,
                    $crate::supervision::injected_fault(),
                    Err($crate::supervision::ActorFault)
                )
            }
        }
    };
}
pub(crate) use inject_panic_handler;

/// What one periodic run leaves in the registry.
#[derive(Debug)]
pub enum PeriodicOutcome {
    /// Done: this summary becomes the actor's `last_periodic_result`.
    Done(String),
    /// Failed: logged as a warning with `log`, and `error` becomes the actor's `last_error`.
    Failed { log: &'static str, error: String },
    /// Nothing to record here (nothing was due, or the run recorded its own outcome).
    Recorded,
}

impl PeriodicOutcome {
    /// `Done` with the summary of what the run returned, or `Failed` with the error's text.
    pub fn of<T, E: std::fmt::Display>(
        result: Result<T, E>,
        log: &'static str,
        summary: impl FnOnce(T) -> String,
    ) -> Self {
        match result {
            Ok(value) => PeriodicOutcome::Done(summary(value)),
            Err(e) => PeriodicOutcome::Failed {
                log,
                error: e.to_string(),
            },
        }
    }
}

/// Every `every`, asks `job` for this run's work (`None`: nothing to do this time), runs it on
/// the actor's context and records its outcome (`spawn_run`).
pub fn spawn_periodic<A, F, Fut>(ctx: &mut Context<A>, every: StdDuration, mut job: F)
where
    A: PortalActor,
    F: FnMut(&mut A, &mut Context<A>) -> Option<Fut> + 'static,
    Fut: Future<Output = PeriodicOutcome> + 'static,
{
    ctx.run_interval(every, move |act, ctx| {
        if let Some(run) = job(act, ctx) {
            spawn_run(act, ctx, run);
        }
    });
}

/// Runs one periodic job on the actor's context; records its outcome under the actor's name,
/// stamped when it ends.
pub fn spawn_run<A: PortalActor>(
    act: &A,
    ctx: &mut Context<A>,
    run: impl Future<Output = PeriodicOutcome> + 'static,
) {
    let (registry, clock) = (act.registry().clone(), act.clock().clone());
    ctx.spawn(actix::fut::wrap_future(async move {
        match run.await {
            PeriodicOutcome::Done(summary) => registry.periodic(A::NAME, clock.now(), summary),
            PeriodicOutcome::Failed { log, error } => {
                tracing::warn!(actor = A::NAME, error = %error, "{log}");
                registry.error(A::NAME, error);
            }
            PeriodicOutcome::Recorded => {}
        }
    }));
}

/// A signal operators send to a supervised actor from the admin API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// `Restart`: stop, and let the supervisor start it again.
    Restart,
    /// `InjectPanic`: panic inside a handler (fault injection).
    InjectPanic,
    /// `Stall`: keep the mailbox shut for this long (fault injection).
    Stall(StdDuration),
}

/// One supervised actor as the admin API reaches it.
#[derive(Clone)]
struct SignalTarget {
    restart: CountingRecipient<Restart>,
    inject_panic: CountingRecipient<InjectPanic>,
    stall: CountingRecipient<Stall>,
}

/// The supervised actors operators can restart (and, with fault injection, make panic), by
/// name: `POST /admin/actors/{name}/restart|panic`. Built where the actors start, one line each.
#[derive(Clone, Default)]
pub struct SupervisedActors(BTreeMap<&'static str, SignalTarget>);

impl SupervisedActors {
    /// Adds a running actor under its registry name.
    pub fn with<A>(mut self, addr: &CountingAddr<A>) -> Self
    where
        A: PortalActor + Handler<Counted<Restart>> + Handler<Counted<InjectPanic>>,
        A: Handler<Counted<Stall>>,
    {
        let target = SignalTarget {
            restart: addr.recipient(),
            inject_panic: addr.recipient(),
            stall: addr.recipient(),
        };
        self.0.insert(A::NAME, target);
        self
    }

    /// Adds the actor if it runs (one that does not is then an unknown name).
    pub fn with_optional<A>(self, addr: Option<&CountingAddr<A>>) -> Self
    where
        A: PortalActor + Handler<Counted<Restart>> + Handler<Counted<InjectPanic>>,
        A: Handler<Counted<Stall>>,
    {
        match addr {
            Some(addr) => self.with(addr),
            None => self,
        }
    }

    /// The names in the table, sorted.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.keys().copied()
    }

    /// Sends the signal to the named actor; `None` when no actor has that name.
    pub async fn send(
        &self,
        name: &str,
        signal: Signal,
    ) -> Option<Result<Result<(), ActorFault>, MailboxError>> {
        let target = self.0.get(name)?;
        Some(match signal {
            Signal::Restart => target.restart.send(Restart).await,
            Signal::InjectPanic => target.inject_panic.send(InjectPanic).await,
            Signal::Stall(time) => target.stall.send(Stall(time)).await,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration as StdDuration;

    use actix::{Handler, Supervisor};

    use super::*;
    use crate::clock::SystemClock;
    use crate::metrics::Metrics;

    /// The smallest actor the scaffold serves: it only reports.
    struct Probe {
        registry: ActorRegistry,
        clock: SharedClock,
        restarted: Arc<std::sync::atomic::AtomicU32>,
    }

    impl PortalActor for Probe {
        const NAME: &'static str = "probe";

        fn registry(&self) -> &ActorRegistry {
            &self.registry
        }

        fn clock(&self) -> &SharedClock {
            &self.clock
        }

        fn on_restarting(&mut self) {
            self.restarted
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    supervised_actor!(Probe);

    #[derive(actix::Message)]
    #[rtype(result = "()")]
    struct Ping;

    impl Handler<Ping> for Probe {
        type Result = ();

        fn handle(&mut self, _: Ping, _: &mut Self::Context) {
            self.count_handled();
        }
    }

    async fn status_after(
        registry: &ActorRegistry,
        done: impl Fn(&crate::registry::ActorStatus) -> bool,
    ) -> crate::registry::ActorStatus {
        for _ in 0..200 {
            if let Some(status) = registry.snapshot().get("probe").filter(|s| done(s)) {
                return status.clone();
            }
            actix_rt::time::sleep(StdDuration::from_millis(5)).await;
        }
        registry.snapshot()["probe"].clone()
    }

    #[actix_rt::test]
    async fn the_scaffold_reports_start_messages_restarts_and_panics() {
        let registry = ActorRegistry::new(Metrics::new().unwrap());
        let restarted = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let probe = Probe {
            registry: registry.clone(),
            clock: SharedClock::new(Arc::new(SystemClock)),
            restarted: restarted.clone(),
        };
        let addr = CountingAddr::supervised(Supervisor::start(move |_| probe), &registry);
        addr.send(Ping).await.unwrap();
        let status = registry.snapshot()["probe"].clone();
        assert!(status.alive && status.started_at.is_some());
        assert_eq!((status.messages_handled, status.restarts), (1, 0));

        let table = SupervisedActors::default().with(&addr);
        assert!(table.send("nobody", Signal::Restart).await.is_none());
        assert!(matches!(
            table.send("probe", Signal::Restart).await,
            Some(Ok(Ok(())))
        ));
        let status = status_after(&registry, |s| s.restarts == 1 && s.alive).await;
        assert_eq!((status.restarts, status.messages_handled), (1, 2));

        assert!(matches!(
            table.send("probe", Signal::InjectPanic).await,
            Some(Ok(Err(ActorFault)))
        ));
        let status = status_after(&registry, |s| s.restarts == 2 && s.alive).await;
        assert_eq!((status.restarts, status.messages_handled), (2, 3));
        assert_eq!(restarted.load(std::sync::atomic::Ordering::SeqCst), 2);
        assert_eq!(table.names().collect::<Vec<_>>(), ["probe"]);
    }
}
