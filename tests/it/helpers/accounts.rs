//! Signed-in browsers and client admins: the set-up most tests start from.

use portal_actors::model::TenantInfo;
use uuid::Uuid;

use super::{Browser, TestApp, PASSWORD};

/// A browser signed in as `email` (password `PASSWORD`) to the app's tenant.
pub async fn signed_in(app: &TestApp, email: &str) -> Browser {
    signed_in_at(app, &app.tenant, email).await
}

/// A browser signed in as `email` (password `PASSWORD`) to `tenant`.
pub async fn signed_in_at(app: &TestApp, tenant: &TenantInfo, email: &str) -> Browser {
    let browser = app.browser();
    let page = browser.sign_in(&tenant.slug, email, PASSWORD).await;
    assert_eq!(page.status, 303, "sign-in: {}", page.body);
    browser
}

/// Makes the contact of `user_id` (in the app's tenant) a client admin of its company.
pub async fn make_admin(app: &TestApp, user_id: Uuid) {
    set_portal_role(app, &app.tenant, user_id, "admin").await;
}

/// Sets the portal role (`admin`, `finance`, `user`) of the contact of `user_id` in `tenant`.
pub async fn set_portal_role(app: &TestApp, tenant: &TenantInfo, user_id: Uuid, role: &str) {
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE contacts SET portal_role = $3 WHERE tenant = $1 AND contact_id = \
         (SELECT contact_id FROM users WHERE tenant = $1 AND user_id = $2)",
        tenant.id,
        user_id,
        role
    )
    .unwrap();
}
