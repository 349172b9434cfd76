//! Audit rows as tests read them: flush the `Audit` actor first, then read the store.

use portal_actors::audit::FlushAudit;
use portal_actors::store::audit;

use super::{TestApp, ADMIN_TOKEN};

/// The app tenant's recent audit events of `event_type` (flushed through the admin endpoint).
pub async fn audit_events(app: &TestApp, event_type: &str) -> Vec<audit::AuditEvent> {
    let page = app
        .admin_post("/admin/actors/audit/flush", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(page.status, 200);
    audit::recent(&app.db, app.tenant.id, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event_type == event_type)
        .collect()
}

/// Writes the `Audit` actor's buffered events to the store now (no HTTP round trip).
pub async fn flush_audit(app: &TestApp) {
    app.state
        .services
        .audit
        .send(FlushAudit)
        .await
        .unwrap()
        .unwrap();
}
