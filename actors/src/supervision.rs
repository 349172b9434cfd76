//! Turning a panic inside an actor's handler into a supervised restart.
//!
//! actix's `Supervisor` restarts an actor that stops; a panic would instead unwind through the
//! arbiter and lose the actor. `guard!` catches it, logs it, and stops the actor so that its
//! supervisor restarts it (`Supervised::restarting` counts it in the registry and metrics).

/// Message that makes an actor panic, for fault-injection tests (the admin endpoint that sends
/// it is only mounted when `admin.fault_injection` is enabled).
#[derive(actix::Message, Debug, Clone, Copy)]
#[rtype(result = "Result<(), ActorFault>")]
pub struct InjectPanic;

/// Message that asks an actor to restart through its supervisor (operators' admin action).
#[derive(actix::Message, Debug, Clone, Copy)]
#[rtype(result = "Result<(), ActorFault>")]
pub struct Restart;

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
