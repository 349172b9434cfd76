//! Integration tokens: created, listed, used, revoked, confined to their tenant, and managed from the command line.

use super::*;

/// A token named ConnectWise made through the admin API: the tokens' path, the token, its id.
struct Created {
    base: String,
    token: String,
    token_id: String,
}

async fn create_token(app: &TestApp) -> Created {
    let base = format!("/admin/tenants/{}/integration-tokens", app.tenant.slug);
    let (status, created) = admin(
        app,
        Method::POST,
        &base,
        Some(json!({"name": "ConnectWise"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let token = created["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 43);
    let token_id = created["token_id"].as_str().unwrap().to_owned();

    Created {
        base,
        token,
        token_id,
    }
}

#[actix_web::test]
async fn a_new_token_gets_in_and_nothing_but_a_live_token_does() {
    let Some(app) = spawn_app().await else { return };
    let Created { token, .. } = create_token(&app).await;
    let api = Api::with_token(&app, &token);
    assert_eq!(api.get("/boards").await.0, 200);
    // Nothing but a live token of this kind gets in; the answer says no more than that.
    for bad in ["", "nope", ADMIN_TOKEN, &format!("{}x", &token[..42])] {
        let (status, body) = Api::with_token(&app, bad).get("/boards").await;
        assert_eq!(status, 401, "{bad}");
        assert_eq!(body, json!({"error": "unauthorized"}));
    }
    let resp = app
        .http
        .get(format!("{}/integration/v1/tickets", app.admin))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

#[actix_web::test]
async fn listed_tokens_show_their_use_but_never_the_token_or_its_hash() {
    let Some(app) = spawn_app().await else { return };
    let Created { base, token, .. } = create_token(&app).await;
    let api = Api::with_token(&app, &token);
    assert_eq!(api.get("/boards").await.0, 200);
    let (status, list) = admin(&app, Method::GET, &base, None).await;
    assert_eq!(status, 200);
    let listed = &list["tokens"][0];
    assert_eq!(listed["name"], "ConnectWise");
    assert!(
        !listed["last_used_at"].is_null(),
        "use is recorded: {listed}"
    );
    assert!(listed.get("token").is_none() && !list.to_string().contains(&token));
    assert!(!list
        .to_string()
        .contains(&portal_actors::tokens::token_hash(&token)));
}

#[actix_web::test]
async fn revoked_tokens_are_refused_and_both_changes_are_audited() {
    let Some(app) = spawn_app().await else { return };
    let Created {
        base,
        token,
        token_id,
    } = create_token(&app).await;
    let api = Api::with_token(&app, &token);
    assert_eq!(api.get("/boards").await.0, 200);
    let (status, revoked) = admin(&app, Method::DELETE, &format!("{base}/{token_id}"), None).await;
    assert_eq!(status, 200, "{revoked}");
    assert!(!revoked["revoked_at"].is_null());
    assert_eq!(api.get("/boards").await.0, 401);
    assert_eq!(
        admin(&app, Method::DELETE, &format!("{base}/{token_id}"), None)
            .await
            .0,
        200
    );
    assert_eq!(
        admin(
            &app,
            Method::DELETE,
            &format!("{base}/{}", Uuid::new_v4()),
            None
        )
        .await
        .0,
        404
    );

    app.admin_post("/admin/actors/audit/flush", Some(ADMIN_TOKEN))
        .await;
    for event in ["integration_token_created", "integration_token_revoked"] {
        let (_, trail) = admin(
            &app,
            Method::GET,
            &format!("/admin/audit?tenant={}&event_type={event}", app.tenant.slug),
            None,
        )
        .await;
        let events = trail["events"].as_array().unwrap();
        assert_eq!(events.len(), 1, "{event}: {trail}");
        assert!(events[0]["details"].as_str().unwrap().contains(&token_id));
        assert!(!trail.to_string().contains(&token));
    }
}

#[actix_web::test]
async fn managing_tokens_needs_the_admin_token_and_valid_input() {
    let Some(app) = spawn_app().await else { return };
    let Created { base, token, .. } = create_token(&app).await;
    assert_field(
        &admin(&app, Method::POST, &base, Some(json!({"name": " "}))).await,
        "name",
    );
    assert_eq!(
        admin(
            &app,
            Method::POST,
            &base,
            Some(json!({"name": "x", "tenant": "y"}))
        )
        .await
        .0,
        400
    );
    let (status, _) = admin(
        &app,
        Method::POST,
        "/admin/tenants/nobody-here/integration-tokens",
        Some(json!({"name": "x"})),
    )
    .await;
    assert_eq!(status, 404);
    // The admin token is needed to manage tokens.
    let resp = app
        .http
        .get(format!("{}{base}", app.admin))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

#[actix_web::test]
async fn a_token_reaches_only_its_own_tenant() {
    let Some((app, f)) = seeded().await else {
        return;
    };
    let other = app.create_tenant("Contoso MSP").await;
    let theirs = Api::new(&app, &other).await;
    // Probing this tenant's ids with the other tenant's token: 404, or an unknown reference.
    for ticket in [f.printer, f.vpn] {
        let (status, body) = theirs.get(&format!("/tickets/{ticket}")).await;
        assert_eq!((status, &body), (404, &json!({"error": "not_found"})));
        let reply = json!({"author_name": "x", "body": "hello", "internal": false});
        assert_eq!(
            theirs
                .post(&format!("/tickets/{ticket}/comments"), &reply)
                .await
                .0,
            404
        );
        assert_eq!(
            theirs
                .upload_raw(ticket, "file_name=a.txt", "text/plain", b"abc".to_vec())
                .await
                .0,
            404
        );
    }
    let status = json!({"board_id": f.desk, "name": "Hijack", "is_closed": true});
    assert_field(
        &theirs
            .put(&format!("/statuses/{}", f.desk_statuses.new), &status)
            .await,
        "board_id",
    );
    let (_, feed) = theirs.get("/tickets").await;
    assert_eq!(feed["tickets"], json!([]));
    let (_, boards) = theirs.get("/boards").await;
    assert_eq!(boards["boards"], json!([]));
    assert_eq!(
        theirs
            .get(&format!("/contacts/{}/ticket-access", f.contact_id))
            .await
            .0,
        404
    );
    // And nothing of this tenant changed.
    let (_, ticket) = f.api.get(&format!("/tickets/{}", f.printer)).await;
    assert_eq!(ticket["status_name"], "New");
    assert_eq!(ticket["comments"], json!([]));
}

fn portal_cli(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = run_portal(portal_command(dir).args(args), None);
    (out.status.success(), output_text(&out))
}

#[test]
fn integration_tokens_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let slug = "0123456789ab";
    let (ok, out) = portal_cli(
        p,
        &["tenant", "create", "--name", "Contoso IT", "--slug", slug],
    );
    assert!(ok, "{out}");
    let cmd = ["tenant", "integration-token"];
    let (ok, out) = portal_cli(
        p,
        &[
            &cmd[..],
            &["create", "--tenant", slug, "--name", "Autotask"],
        ]
        .concat(),
    );
    assert!(ok, "{out}");
    let token = out
        .lines()
        .map(str::trim)
        .find(|l| portal_actors::tokens::is_well_formed(l))
        .expect("the token is printed");
    let token_id = out.split_whitespace().nth(2).unwrap().to_owned();
    let (ok, out) = portal_cli(p, &[&cmd[..], &["list", "--tenant", slug]].concat());
    assert!(
        ok && out.contains("Autotask") && out.contains("never used"),
        "{out}"
    );
    assert!(!out.contains(token));
    let (ok, out) = portal_cli(
        p,
        &[
            &cmd[..],
            &["revoke", "--tenant", slug, "--token-id", &token_id],
        ]
        .concat(),
    );
    assert!(ok && out.contains("Revoked"), "{out}");
    let (_, out) = portal_cli(p, &[&cmd[..], &["list", "--tenant", slug]].concat());
    assert!(out.contains("revoked"), "{out}");
    let (ok, out) = portal_cli(
        p,
        &[&cmd[..], &["create", "--tenant", slug, "--name", " "]].concat(),
    );
    assert!(!ok && out.contains("--name"), "{out}");
}
