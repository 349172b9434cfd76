//! Recovery codes at rest: HMAC-SHA-256 under a key derived (HKDF-SHA-256) from
//! `security.encryption_key`, so a copy of the table alone cannot be brute-forced offline; codes
//! stored before (plain SHA-256) keep working, once.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::helpers::*;

const CHALLENGE: &str = "/auth/client-portal/two-factor";
/// The HKDF `info` naming this use of the key (salt: none).
const KEY_INFO: &[u8] = b"portal recovery codes v1";

fn expected_mac(code: &str) -> String {
    let ikm = URL_SAFE_NO_PAD.decode(ENCRYPTION_KEY).unwrap();
    let mut key = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(None, &ikm)
        .expand(KEY_INFO, &mut key)
        .unwrap();
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
    mac.update(code.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn plain_sha256(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

async fn stored_hashes(app: &TestApp, user: &TestUser) -> Vec<String> {
    let mut rows: Vec<String> = portal_actors::query_as!(
        app.db.exec(),
        (String,),
        fetch_all,
        "SELECT code_hash FROM user_recovery_codes WHERE tenant = $1 AND user_id = $2",
        app.tenant.id,
        user.user_id
    )
    .unwrap()
    .into_iter()
    .map(|(h,)| h)
    .collect();
    rows.sort();
    rows
}

/// Signs in with the password, then answers the second step with `code`; returns the status.
async fn sign_in_with_code(app: &TestApp, user: &TestUser, code: &str) -> u16 {
    let browser = app.browser();
    let page = browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), CHALLENGE);
    let form = browser.get(CHALLENGE).await;
    let csrf = Browser::form_csrf(&form);
    browser
        .post_form(CHALLENGE, &[("csrf_token", &csrf), ("code", code)])
        .await
        .status
}

#[actix_web::test]
async fn new_recovery_codes_are_stored_as_an_hmac_under_a_derived_key() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@example.com", "Acme").await;
    let browser = app.browser();
    browser
        .sign_in(&app.tenant.slug, &user.email, PASSWORD)
        .await;
    let (_secret, codes) = crate::two_factor::enroll(&app, &browser).await;
    let stored = stored_hashes(&app, &user).await;
    for code in &codes {
        assert!(
            !stored.contains(&plain_sha256(code)),
            "{code} is stored as its plain SHA-256"
        );
    }
    let mut expected: Vec<String> = codes.iter().map(|c| expected_mac(c)).collect();
    expected.sort();
    assert_eq!(stored, expected);
    // And they work, once.
    assert_eq!(sign_in_with_code(&app, &user, &codes[3]).await, 303);
    assert_eq!(sign_in_with_code(&app, &user, &codes[3]).await, 401);
}

#[actix_web::test]
async fn a_recovery_code_stored_the_old_way_still_works_once() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "grace@example.com", "Acme").await;
    crate::two_factor::enroll_directly(&app, &user).await;
    // A code issued before the change: only its plain SHA-256 is on file.
    let old = portal_actors::totp::new_recovery_codes().remove(0);
    portal_actors::execute!(
        app.db.exec(),
        "INSERT INTO user_recovery_codes (tenant, user_id, code_hash, created_at, used_at) \
         VALUES ($1, $2, $3, $4, NULL)",
        app.tenant.id,
        user.user_id,
        plain_sha256(&old),
        portal_actors::Clock::now(app.clock.as_ref())
    )
    .unwrap();
    assert_eq!(
        sign_in_with_code(&app, &user, &old.to_uppercase()).await,
        303
    );
    assert_eq!(sign_in_with_code(&app, &user, &old).await, 401);
    let left: i64 = portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM user_recovery_codes \
         WHERE tenant = $1 AND user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        app.tenant.id,
        user.user_id,
        plain_sha256(&old)
    )
    .unwrap();
    assert_eq!(left, 0, "the old code was not marked used");
}
