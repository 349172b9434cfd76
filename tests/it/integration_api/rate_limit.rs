//! Per-token rate limits (`[integration]`): over the limit a token gets `429 rate_limited`
//! with `Retry-After`, nothing is done, other tokens go on; tokens that do not authenticate
//! get 401 and no bucket.

use super::*;

/// 60 requests a minute, 3 at once: the fourth request at one instant waits one second.
async fn limited_app() -> Option<TestApp> {
    spawn_app_with(|s| {
        s.integration.requests_per_minute = 60;
        s.integration.burst = 3;
    })
    .await
}

#[actix_web::test]
async fn over_its_limit_a_token_is_refused_with_retry_after_and_nothing_is_done() {
    let Some(app) = limited_app().await else {
        return;
    };
    let api = Api::new(&app, &app.tenant).await;
    for _ in 0..3 {
        assert_eq!(api.get("/boards").await.0, 200);
    }
    let resp = app
        .http
        .get(format!("{}/boards", api.base))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    assert_eq!(resp.headers()["retry-after"], "1");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited", "{body}");
    // A write over the limit changes nothing.
    let board = Uuid::new_v4();
    let body = json!({ "name": "Service Desk", "is_default": true });
    let (status, refused) = api.put(&format!("/boards/{board}"), &body).await;
    assert_eq!(status, 429, "{refused}");
    app.clock.advance(chrono::Duration::minutes(1));
    let (status, list) = api.get("/boards").await;
    assert_eq!(status, 200);
    assert_eq!(list["boards"], json!([]), "{list}");
    let refusals = app
        .metric(
            "portal_integration_requests_total",
            &[("route", "/integration/v1/boards"), ("status", "429")],
        )
        .await;
    assert_eq!(refusals, 1.0);
}

#[actix_web::test]
async fn one_token_over_its_limit_does_not_slow_another() {
    let Some(app) = limited_app().await else {
        return;
    };
    let busy = Api::new(&app, &app.tenant).await;
    let other = Api::new(&app, &app.tenant).await;
    for _ in 0..3 {
        assert_eq!(busy.get("/boards").await.0, 200);
    }
    assert_eq!(busy.get("/boards").await.0, 429);
    for _ in 0..3 {
        assert_eq!(other.get("/boards").await.0, 200);
    }
    // One second on, the busy token may make one more request.
    app.clock.advance(chrono::Duration::seconds(1));
    assert_eq!(busy.get("/boards").await.0, 200);
    assert_eq!(busy.get("/boards").await.0, 429);
}

#[actix_web::test]
async fn tokens_that_do_not_authenticate_get_401_and_no_bucket() {
    let Some(app) = limited_app().await else {
        return;
    };
    for n in 0..50 {
        let (status, body) = Api::with_token(&app, &format!("garbage-{n}"))
            .get("/boards")
            .await;
        assert_eq!(status, 401);
        assert_eq!(body, json!({"error": "unauthorized"}));
    }
    assert_eq!(app.state.integration_limiter.tracked_keys(), 0);
    let api = Api::new(&app, &app.tenant).await;
    assert_eq!(api.get("/boards").await.0, 200);
    assert_eq!(app.state.integration_limiter.tracked_keys(), 1);
}
