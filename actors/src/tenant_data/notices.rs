//! A client user's notification choices (read, saved from the profile, one turned off by an
//! unsubscribe link) and the dashboard's "Recent activity": the latest events of their company
//! they may see, from the one `activity` source.

use actix::{Handler, Message, ResponseFuture};
use uuid::Uuid;

use super::{ProfileError, TenantCore, TenantData};
use crate::activity::{ActivityItem, DASHBOARD_EVENTS};
use crate::notifications::NotificationKind;
use crate::store::activity::{self, ActivityAccess};
use crate::store::{notifications as store, users};

/// The kinds the user's role can receive, each with whether it is on.
#[derive(Message)]
#[rtype(result = "Result<Vec<(NotificationKind, bool)>, ProfileError>")]
pub struct GetNotificationChoices {
    pub user_id: Uuid,
}

/// Turns on exactly the kinds in `on` among those offered (the others off); the kinds changed,
/// with their new state.
#[derive(Message)]
#[rtype(result = "Result<Vec<(NotificationKind, bool)>, ProfileError>")]
pub struct SaveNotificationChoices {
    pub user_id: Uuid,
    pub on: Vec<NotificationKind>,
}

/// Turns one kind off (an unsubscribe link); whether it was on.
#[derive(Message)]
#[rtype(result = "Result<bool, ProfileError>")]
pub struct TurnOffNotification {
    pub user_id: Uuid,
    pub kind: NotificationKind,
}

/// The dashboard's latest events the user may see, newest first.
#[derive(Message)]
#[rtype(result = "Result<Vec<ActivityItem>, ProfileError>")]
pub struct RecentActivity {
    pub user_id: Uuid,
}

impl TenantCore {
    async fn offered(&self, user_id: Uuid) -> Result<Vec<(NotificationKind, bool)>, ProfileError> {
        let role = users::portal_role_of(&self.db, self.tenant, user_id)
            .await?
            .ok_or(ProfileError::NotFound)?;
        let choices = store::choices(self.db.exec(), self.tenant, user_id).await?;
        Ok(NotificationKind::ALL
            .into_iter()
            .filter(|k| k.offered_to(role.as_str()))
            .map(|k| (k, choices.wants(k)))
            .collect())
    }

    async fn recent_activity(&self, user_id: Uuid) -> Result<Vec<ActivityItem>, ProfileError> {
        let Some(tickets) = crate::store::tickets::viewer(&self.db, self.tenant, user_id).await?
        else {
            return Ok(Vec::new());
        };
        let permissions = users::permissions(&self.db, self.tenant, user_id).await?;
        let has = |p: &str| permissions.iter().any(|held| held == p);
        let access = ActivityAccess {
            client_id: tickets.client_id,
            tickets: tickets.can_read.then_some(&tickets),
            billing: has("billing:read"),
            projects: has("project:read"),
            members: has("company:manage"),
        };
        Ok(activity::recent(&self.db, self.tenant, &access, DASHBOARD_EVENTS).await?)
    }
}

impl Handler<GetNotificationChoices> for TenantData {
    type Result = ResponseFuture<Result<Vec<(NotificationKind, bool)>, ProfileError>>;

    fn handle(&mut self, msg: GetNotificationChoices, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.offered(msg.user_id).await })
    }
}

impl Handler<SaveNotificationChoices> for TenantData {
    type Result = ResponseFuture<Result<Vec<(NotificationKind, bool)>, ProfileError>>;

    /// Saves every offered kind in one transaction.
    fn handle(&mut self, msg: SaveNotificationChoices, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            let offered = core.offered(msg.user_id).await?;
            let now = core.now();
            let mut tx = core.db.begin().await?;
            let mut changed = Vec::new();
            for (kind, _) in offered {
                let on = msg.on.contains(&kind);
                if store::set_choice(tx.exec(), core.tenant, msg.user_id, kind, on, now).await? {
                    changed.push((kind, on));
                }
            }
            tx.commit().await?;
            Ok(changed)
        })
    }
}

impl Handler<TurnOffNotification> for TenantData {
    type Result = ResponseFuture<Result<bool, ProfileError>>;

    fn handle(&mut self, msg: TurnOffNotification, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move {
            users::portal_role_of(&core.db, core.tenant, msg.user_id)
                .await?
                .ok_or(ProfileError::NotFound)?;
            let now = core.now();
            let exec = core.db.exec();
            Ok(store::set_choice(exec, core.tenant, msg.user_id, msg.kind, false, now).await?)
        })
    }
}

impl Handler<RecentActivity> for TenantData {
    type Result = ResponseFuture<Result<Vec<ActivityItem>, ProfileError>>;

    fn handle(&mut self, msg: RecentActivity, _: &mut Self::Context) -> Self::Result {
        let core = self.serve();
        Box::pin(async move { core.recent_activity(msg.user_id).await })
    }
}
