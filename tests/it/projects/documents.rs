//! Documents: the PSA's (client-visible or not, of the project or a task), downloads with the
//! attachment hardening and only for those who may see them, uploads to a task allowed and
//! refused (size, count, empty, switch off, permission, hidden tasks) with nothing kept when
//! refused, portal uploads in the changes feed, and contents shared with tickets kept.

use serde_json::{json, Value};
use uuid::Uuid;

use super::*;
use crate::helpers::{spawn_app, spawn_app_with};
use crate::ticket_pages::attachment_link;

/// `POST /integration/v1/projects/{project}/documents?{query}` with `bytes` as the body.
async fn psa_upload(w: &World, project: Uuid, query: &str, bytes: &[u8]) -> (u16, Value) {
    let resp = w
        .api
        .http
        .post(format!(
            "{}/projects/{project}/documents?{query}",
            w.api.base
        ))
        .bearer_auth(&w.api.token)
        .header("content-type", "text/plain")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn document_rows(w: &World) -> i64 {
    portal_actors::fetch_one_scalar!(
        w.app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM project_documents WHERE tenant = $1",
        w.app.tenant.id
    )
    .unwrap()
}

/// Stored files (the store's temporary folder included: it must be empty too).
fn stored_files(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                stored_files(&path)
            } else {
                1
            }
        })
        .sum()
}

fn uploads_on() -> Value {
    json!({"show_tasks": true, "visible_task_fields": ["document_uploads"]})
}

#[actix_web::test]
async fn psa_documents_reach_clients_only_when_visible_and_downloads_are_hardened() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, uploads_on()).await;
    let (code, plan_doc) = psa_upload(
        &w,
        w.project,
        "file_name=plan.txt&client_visible=true&uploaded_by=Sam",
        b"the plan",
    )
    .await;
    assert_eq!(code, 201, "{plan_doc}");
    assert_eq!(plan_doc["task_id"], Value::Null);
    assert_eq!(plan_doc["uploaded_by_type"], "internal");
    let (code, secret) = psa_upload(&w, w.project, "file_name=costs.txt", b"margins").await;
    assert_eq!((code, &secret["client_visible"]), (201, &json!(false)));
    let task = w.tasks[0];
    let (code, notes) = psa_upload(
        &w,
        w.project,
        &format!("file_name=notes.txt&client_visible=true&task_id={task}"),
        b"<script>alert(1)</script>",
    )
    .await;
    assert_eq!(code, 201, "{notes}");

    let ada = browser(&w, &w.ada).await;
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    assert!(page.body.contains("plan.txt") && page.body.contains("notes.txt"));
    assert!(
        !page.body.contains("costs.txt"),
        "a hidden document is not listed"
    );
    let link = attachment_link(&page.body, "notes.txt");
    let (status, headers, bytes) = ada.get_bytes(&link).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, b"<script>alert(1)</script>");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));

    // The hidden one by its id, another company's user, a made-up id: all 404.
    let hidden = format!(
        "/client-portal/projects/PRJ-1/documents/{}",
        secret["document_id"].as_str().unwrap()
    );
    assert_eq!(ada.get(&hidden).await.status, 404);
    let gus = browser(&w, &w.gus).await;
    assert_eq!(gus.get(&link).await.status, 404);
    assert_eq!(
        ada.get(&format!(
            "/client-portal/projects/PRJ-1/documents/{}",
            Uuid::new_v4()
        ))
        .await
        .status,
        404
    );
    assert_eq!(
        ada.get("/client-portal/projects/PRJ-1/documents/not-an-id")
            .await
            .status,
        404
    );
    // Through another project's URL: not found either.
    assert_eq!(ada.get(&link.replace("PRJ-1", "PRJ-2")).await.status, 404);

    // When the project stops showing tasks, their documents go with them; its own stay.
    set_settings(&w, json!({})).await;
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    assert!(page.body.contains("plan.txt") && !page.body.contains("notes.txt"));
    assert_eq!(ada.get(&link).await.status, 404);

    // The PSA's refusals name the field and keep nothing.
    let before = document_rows(&w).await;
    let other_task = Uuid::new_v4();
    let (code, body) = psa_upload(
        &w,
        w.project,
        &format!("file_name=a.txt&task_id={other_task}"),
        b"x",
    )
    .await;
    assert_eq!(
        (code, body["field"].as_str()),
        (400, Some("task_id")),
        "{body}"
    );
    let (code, _) = psa_upload(&w, w.project, "file_name=a.txt&task_id=nope", b"x").await;
    assert_eq!(code, 400);
    let (code, _) = psa_upload(&w, Uuid::new_v4(), "file_name=a.txt", b"x").await;
    assert_eq!(code, 404);
    let (code, body) = psa_upload(&w, w.project, "file_name=a.txt", b"").await;
    assert_eq!((code, body["error"].as_str()), (400, Some("empty")));
    let (code, body) = psa_upload(&w, w.project, "client_visible=true", b"x").await;
    assert_eq!((code, body["field"].as_str()), (400, Some("file_name")));
    assert_eq!(document_rows(&w).await, before);
    assert!(
        w.app
            .metric(
                "portal_project_documents_uploaded_total",
                &[("outcome", "success")]
            )
            .await
            >= 3.0
    );
    assert!(
        w.app
            .metric(
                "portal_project_documents_uploaded_total",
                &[("outcome", "invalid")]
            )
            .await
            >= 2.0
    );
}

#[actix_web::test]
async fn an_upload_to_a_task_is_kept_fed_to_the_psa_and_counted() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, uploads_on()).await;
    let contact = format!("/contacts/{}", w.ada.contact_id);
    let (_, before) = w.api.get(&contact).await;
    let counted = w
        .app
        .metric(
            "portal_project_documents_uploaded_total",
            &[("outcome", "success")],
        )
        .await;
    let ada = browser(&w, &w.ada).await;
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    let token = Browser::form_csrf(&page);
    let task = w.tasks[1];
    let path = format!("/client-portal/projects/PRJ-1/tasks/{task}/documents");
    let done = ada
        .post_multipart(
            &path,
            &[("csrf_token", &token)],
            &[(
                "files",
                "kit list.txt",
                "text/plain",
                b"3 switches".to_vec(),
            )],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = ada.get("/client-portal/projects/PRJ-1?done=uploaded").await;
    assert!(
        page.body.contains("Your document was added"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("kit list.txt") && page.body.contains("on “Order the kit”"),
        "{}",
        page.body
    );
    let (_, headers, bytes) = ada
        .get_bytes(&attachment_link(&page.body, "kit list.txt"))
        .await;
    assert_eq!(bytes, b"3 switches");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("kit%20list.txt"));

    let (code, feed) = w.api.get("/changes").await;
    assert_eq!(code, 200, "{feed}");
    let change = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "project_document_uploaded")
        .expect("the upload is in the changes feed")
        .clone();
    assert_eq!(change["data"]["file_name"], "kit list.txt");
    assert_eq!(change["data"]["task_id"], task.to_string());
    assert_eq!(change["data"]["project_number"], "PRJ-1");
    assert_eq!(change["contact_id"], w.ada.contact_id.to_string());
    // The PSA lists the project's documents and downloads the client's.
    let (code, listed) = w
        .api
        .get(&format!("/projects/{}/documents", w.project))
        .await;
    assert_eq!(code, 200, "{listed}");
    let mine = &listed["documents"][0];
    assert_eq!(mine["uploaded_by_type"], "client");
    assert_eq!(mine["uploaded_by_name"], "Ada Lovelace");
    assert_eq!(mine["document_id"], change["data"]["document_id"]);
    let download = w
        .api
        .http
        .get(format!(
            "{}/projects/{}/documents/{}",
            w.api.base,
            w.project,
            mine["document_id"].as_str().unwrap()
        ))
        .bearer_auth(&w.api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"3 switches");
    let (code, _) = w
        .api
        .get(&format!(
            "/projects/{}/documents/{}",
            w.project,
            Uuid::new_v4()
        ))
        .await;
    assert_eq!(code, 404);
    // Another tenant's token finds neither the project nor its document.
    let other = w.app.create_tenant("Other MSP").await;
    let theirs = Api::new(&w.app, &other).await;
    let (code, _) = theirs
        .get(&format!("/projects/{}/documents", w.project))
        .await;
    assert_eq!(code, 404);
    let (code, _) = theirs
        .get(&format!(
            "/projects/{}/documents/{}",
            w.project,
            mine["document_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(code, 404);

    let (_, after) = w.api.get(&contact).await;
    assert_eq!(
        after["version"], before["version"],
        "an upload is no edit of the contact"
    );
    assert_eq!(
        w.app
            .metric(
                "portal_project_documents_uploaded_total",
                &[("outcome", "success")]
            )
            .await,
        counted + 1.0
    );
}

#[actix_web::test]
async fn refused_uploads_say_why_and_keep_nothing() {
    let Some(app) = spawn_app_with(|s| {
        s.attachments.max_file_bytes = Some(1024);
        s.attachments.max_files_per_upload = Some(2);
    })
    .await
    else {
        return;
    };
    let w = world(app, uploads_on()).await;
    let ada = browser(&w, &w.ada).await;
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    let token = Browser::form_csrf(&page);
    let path = |task: Uuid| format!("/client-portal/projects/PRJ-1/tasks/{task}/documents");
    let file = |name: &str, size: usize| ("files", name.to_owned(), vec![b'x'; size]);
    let post = |task: Uuid, token: String, files: Vec<(&'static str, String, Vec<u8>)>| {
        let ada = &ada;
        let path = path(task);
        async move {
            let files: Vec<(&str, &str, &str, Vec<u8>)> = files
                .iter()
                .map(|(n, f, b)| (*n, f.as_str(), "text/plain", b.clone()))
                .collect();
            ada.post_multipart(&path, &[("csrf_token", &token)], &files)
                .await
        }
    };
    let rows = document_rows(&w).await;
    let files_before = stored_files(&w.app.attachments_dir);
    let task = w.tasks[0];

    let big = post(task, token.clone(), vec![file("big.txt", 2048)]).await;
    assert_eq!(big.status, 413);
    assert!(
        big.body.contains("larger than 1 MB") || big.body.contains("is larger than"),
        "{}",
        big.body
    );
    let many = post(
        task,
        token.clone(),
        vec![file("a.txt", 1), file("b.txt", 1), file("c.txt", 1)],
    )
    .await;
    assert_eq!(many.status, 400);
    assert!(many.body.contains("at most 2 files"), "{}", many.body);
    let empty = post(task, token.clone(), vec![file("e.txt", 0)]).await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("is empty"), "{}", empty.body);
    let none = post(task, token.clone(), vec![]).await;
    assert_eq!(none.status, 400);
    assert!(none.body.contains("Choose a file"), "{}", none.body);
    assert_eq!(
        post(task, "forged".into(), vec![file("f.txt", 1)])
            .await
            .status,
        403
    );
    assert_eq!(
        post(Uuid::new_v4(), token.clone(), vec![file("g.txt", 1)])
            .await
            .status,
        404
    );

    // Finance holds no project:upload.
    let fin = browser(&w, &w.fin).await;
    let fin_token = Browser::form_csrf(&fin.get("/client-portal/projects/PRJ-1").await);
    let files = [("files", "h.txt", "text/plain", b"h".to_vec())];
    assert_eq!(
        fin.post_multipart(&path(task), &[("csrf_token", &fin_token)], &files)
            .await
            .status,
        403
    );
    // The project takes no uploads, then shows no tasks.
    set_settings(&w, json!({"show_tasks": true})).await;
    assert_eq!(
        post(task, token.clone(), vec![file("i.txt", 1)])
            .await
            .status,
        403
    );
    set_settings(&w, json!({})).await;
    assert_eq!(
        post(task, token.clone(), vec![file("j.txt", 1)])
            .await
            .status,
        404
    );
    // Another company's user.
    set_settings(&w, uploads_on()).await;
    let gus = browser(&w, &w.gus).await;
    let gus_token = Browser::form_csrf(&gus.get("/client-portal/projects").await);
    assert_eq!(
        gus.post_multipart(&path(task), &[("csrf_token", &gus_token)], &files)
            .await
            .status,
        404
    );

    assert_eq!(
        document_rows(&w).await,
        rows,
        "no refused upload was recorded"
    );
    assert_eq!(
        stored_files(&w.app.attachments_dir),
        files_before,
        "no refused upload was kept"
    );
    assert!(
        w.app
            .metric(
                "portal_project_documents_uploaded_total",
                &[("outcome", "too_large")]
            )
            .await
            >= 1.0
    );
    assert!(
        w.app
            .metric(
                "portal_project_documents_uploaded_total",
                &[("outcome", "forbidden")]
            )
            .await
            >= 2.0
    );
}

/// A refused ticket upload forgets its contents unless something still refers to them: a
/// project document with the same bytes must keep them.
#[actix_web::test]
async fn a_refused_ticket_upload_leaves_a_project_documents_contents_alone() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, uploads_on()).await;
    let bytes = b"shared contents".to_vec();
    let (code, _) = psa_upload(
        &w,
        w.project,
        "file_name=shared.txt&client_visible=true",
        &bytes,
    )
    .await;
    assert_eq!(code, 201);
    let ada = browser(&w, &w.ada).await;
    let tickets = ada.get("/client-portal/tickets").await;
    let token = Browser::form_csrf(&tickets);
    // A ticket that does not exist: the upload is read, stored, refused and forgotten.
    let refused = ada
        .post_multipart(
            "/client-portal/tickets/TIC-404/attachments",
            &[("csrf_token", &token)],
            &[("files", "shared.txt", "text/plain", bytes.clone())],
        )
        .await;
    assert!(
        refused.status == 404 || refused.status == 403,
        "{}",
        refused.status
    );
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    let (status, _, got) = ada
        .get_bytes(&attachment_link(&page.body, "shared.txt"))
        .await;
    assert_eq!((status, got), (200, bytes));
}
