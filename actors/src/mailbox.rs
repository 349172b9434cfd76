//! Counted mailboxes: `CountingAddr<A>` is the one way messages reach a named actor. Each
//! message travels in a `Counted` envelope that adds one to `portal_actor_mailbox_depth{actor}`
//! when it is sent and takes it off when the actor's handler starts (or when the message is
//! dropped unhandled: a cancelled request, a closed mailbox), so `/admin/actors` shows how many
//! messages wait in each mailbox.
//!
//! An actor accepts envelopes through `counted_mailbox!` (written for every supervised actor by
//! `supervised_actor!`), which unwraps the message and hands it to the actor's own handler.

use actix::dev::{MessageResponse, Request, ToEnvelope};
use actix::{Actor, Addr, Handler, MailboxError, Message, Recipient};
use prometheus::IntGauge;

use crate::registry::ActorRegistry;
use crate::supervision::PortalActor;

/// A message on its way through a counted mailbox.
pub struct Counted<M> {
    message: M,
    _queued: Queued,
}

/// One message counted in a mailbox's depth; counted out when dropped.
struct Queued(IntGauge);

impl Drop for Queued {
    fn drop(&mut self) {
        self.0.dec();
    }
}

impl<M> Counted<M> {
    /// Counts `message` into `depth`.
    pub fn new(message: M, depth: &IntGauge) -> Self {
        depth.inc();
        Counted {
            message,
            _queued: Queued(depth.clone()),
        }
    }

    /// The message, counted out of the mailbox (its handler starts now).
    pub fn into_inner(self) -> M {
        self.message
    }
}

impl<M: Message> Message for Counted<M> {
    type Result = M::Result;
}

/// A message the actor `A` handles, its answer usable for the `Counted` envelope too.
///
/// The envelope's handler asks for this rather than for `A: Handler<M>`: with the message type
/// not yet inferred, the compiler then stops at "ambiguous" instead of recursing through
/// `Counted<Counted<…>>`.
pub trait HandledBy<A: Actor>: Message + Sized {
    /// The actor's answer.
    type Response: MessageResponse<A, Counted<Self>>;

    /// Hands the message to the actor's own handler.
    fn handle_by(self, actor: &mut A, ctx: &mut A::Context) -> Self::Response;
}

impl<A, M> HandledBy<A> for M
where
    A: Actor + Handler<M>,
    M: Message,
    <A as Handler<M>>::Result: MessageResponse<A, Counted<M>>,
{
    type Response = <A as Handler<M>>::Result;

    fn handle_by(self, actor: &mut A, ctx: &mut A::Context) -> Self::Response {
        actor.handle(self, ctx)
    }
}

/// Writes the handler that takes a `Counted` envelope off the mailbox and hands the message to
/// the actor's own handler of it.
#[macro_export]
macro_rules! counted_mailbox {
    ($actor:ty) => {
        impl<M: $crate::mailbox::HandledBy<$actor>> actix::Handler<$crate::mailbox::Counted<M>>
            for $actor
        {
            type Result = <M as $crate::mailbox::HandledBy<$actor>>::Response;

            /// Counts the message out of the mailbox and handles it.
            fn handle(
                &mut self,
                msg: $crate::mailbox::Counted<M>,
                ctx: &mut Self::Context,
            ) -> Self::Result {
                $crate::mailbox::HandledBy::handle_by(msg.into_inner(), self, ctx)
            }
        }
    };
}

/// An actor's address whose messages are counted in its mailbox depth. Same `send` and
/// `do_send` as `Addr`.
pub struct CountingAddr<A: Actor> {
    addr: Addr<A>,
    depth: IntGauge,
}

impl<A: Actor> Clone for CountingAddr<A> {
    fn clone(&self) -> Self {
        CountingAddr {
            addr: self.addr.clone(),
            depth: self.depth.clone(),
        }
    }
}

impl<A: PortalActor> CountingAddr<A> {
    /// Counts the messages sent to a supervised actor under its registry name.
    pub fn supervised(addr: Addr<A>, registry: &ActorRegistry) -> Self {
        Self::new(A::NAME, addr, registry)
    }
}

impl<A: Actor> CountingAddr<A> {
    /// Counts the messages sent to `addr` under the actor name `name`.
    pub fn new(name: &'static str, addr: Addr<A>, registry: &ActorRegistry) -> Self {
        CountingAddr {
            addr,
            depth: registry.mailbox_depth(name),
        }
    }

    /// Sends a message and waits for the answer (as `Addr::send`).
    pub fn send<M>(&self, msg: M) -> Request<A, Counted<M>>
    where
        M: Message + Send + 'static,
        M::Result: Send,
        A: Handler<Counted<M>>,
        A::Context: ToEnvelope<A, Counted<M>>,
    {
        self.addr.send(Counted::new(msg, &self.depth))
    }

    /// Sends a message without waiting for the answer (as `Addr::do_send`).
    pub fn do_send<M>(&self, msg: M)
    where
        M: Message + Send + 'static,
        M::Result: Send,
        A: Handler<Counted<M>>,
        A::Context: ToEnvelope<A, Counted<M>>,
    {
        self.addr.do_send(Counted::new(msg, &self.depth));
    }

    /// Whether the actor still runs (its mailbox is open).
    pub fn connected(&self) -> bool {
        self.addr.connected()
    }

    /// A counted recipient of one message type (for tables of different actors).
    pub fn recipient<M>(&self) -> CountingRecipient<M>
    where
        M: Message + Send + 'static,
        M::Result: Send,
        A: Handler<Counted<M>>,
        A::Context: ToEnvelope<A, Counted<M>>,
    {
        CountingRecipient {
            recipient: self.addr.clone().recipient(),
            depth: self.depth.clone(),
        }
    }
}

/// `Recipient` of one message type whose messages are counted in the actor's mailbox depth.
pub struct CountingRecipient<M: Message + Send>
where
    M::Result: Send,
{
    recipient: Recipient<Counted<M>>,
    depth: IntGauge,
}

impl<M: Message + Send> Clone for CountingRecipient<M>
where
    M::Result: Send,
{
    fn clone(&self) -> Self {
        CountingRecipient {
            recipient: self.recipient.clone(),
            depth: self.depth.clone(),
        }
    }
}

impl<M: Message + Send + 'static> CountingRecipient<M>
where
    M::Result: Send,
{
    /// Sends a message and waits for the answer.
    pub async fn send(&self, msg: M) -> Result<M::Result, MailboxError> {
        self.recipient.send(Counted::new(msg, &self.depth)).await
    }
}

#[cfg(test)]
mod tests {
    use actix::{ActorFutureExt, AsyncContext, Context, WrapFuture};
    use tokio::sync::oneshot;

    use super::*;
    use crate::metrics::Metrics;

    /// Holds its mailbox shut until the test lets go, then counts pings.
    struct Gate {
        pings: u32,
    }

    impl Actor for Gate {
        type Context = Context<Self>;
    }

    counted_mailbox!(Gate);

    #[derive(Message)]
    #[rtype(result = "()")]
    struct Hold(oneshot::Receiver<()>);

    impl Handler<Hold> for Gate {
        type Result = ();

        fn handle(&mut self, msg: Hold, ctx: &mut Context<Self>) {
            // `wait` keeps every other message in the mailbox until the receiver resolves.
            ctx.wait(
                async move { msg.0.await.ok() }
                    .into_actor(self)
                    .map(|_, _, _| ()),
            );
        }
    }

    #[derive(Message)]
    #[rtype(result = "u32")]
    struct Ping;

    impl Handler<Ping> for Gate {
        type Result = u32;

        fn handle(&mut self, _: Ping, _: &mut Context<Self>) -> u32 {
            self.pings += 1;
            self.pings
        }
    }

    #[actix_rt::test]
    async fn depth_counts_messages_waiting_and_drops_when_handlers_start() {
        let registry = ActorRegistry::new(Metrics::new().unwrap());
        let gate = CountingAddr::new("gate", Gate { pings: 0 }.start(), &registry);
        let (release, held) = oneshot::channel();
        gate.send(Hold(held)).await.unwrap();
        assert_eq!(registry.mailbox_depth("gate").get(), 0);

        for _ in 0..5 {
            gate.do_send(Ping);
        }
        let answer = gate.send(Ping);
        assert_eq!(registry.mailbox_depth("gate").get(), 6);

        release.send(()).unwrap();
        assert_eq!(answer.await.unwrap(), 6);
        assert_eq!(registry.mailbox_depth("gate").get(), 0);

        // A request given up on before its turn is counted out too.
        let (release, held) = oneshot::channel();
        gate.send(Hold(held)).await.unwrap();
        drop(gate.send(Ping));
        let waiting = gate.recipient::<Ping>();
        let answer = actix_rt::spawn(async move { waiting.send(Ping).await });
        actix_rt::task::yield_now().await;
        assert_eq!(registry.mailbox_depth("gate").get(), 2);
        release.send(()).unwrap();
        assert_eq!(answer.await.unwrap().unwrap(), 7);
        assert_eq!(registry.mailbox_depth("gate").get(), 0);
    }
}
