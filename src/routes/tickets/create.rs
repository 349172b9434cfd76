//! `GET /client-portal/tickets/new` (the form) and `POST /client-portal/tickets` (multipart:
//! the fields and any files). A refused form comes back with what was typed and why.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use portal_actors::tenant_data::{CreateTicket, TicketError, TicketForm};
use portal_actors::tickets::{NewTicket, TicketFormOptions};
use portal_views::layout::NavItem;
use portal_views::tickets::detail::DetailNotice;
use portal_views::tickets::form::{self as views, FieldError, NewTicketValues, NewTicketView};
use uuid::Uuid;

use super::upload::{self, UploadForm};
use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::{CspNonce, PortalUser};
use crate::http::render;

fn render_form(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    options: &TicketFormOptions,
    values: NewTicketValues,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> HttpResponse {
    let view = NewTicketView {
        csrf_token: user.session.csrf_token.clone(),
        boards: super::choice_options(&options.boards, &[]),
        priorities: super::choice_options(&options.priorities, &options.boards),
        categories: super::choice_options(&options.categories, &options.boards),
        values,
        errors,
        max_megabytes: super::max_megabytes(state),
        max_files: state.max_files_per_upload,
    };
    render::page(
        status,
        Some(&user.tenant),
        &nonce.0,
        Some(crate::routes::signed_in_nav(user, NavItem::Tickets)),
        |shell| views::page(shell, &view),
        views::title,
    )
}

async fn options(state: &AppState, user: &PortalUser) -> Result<TicketFormOptions, PortalError> {
    super::ask(
        state,
        user,
        TicketForm {
            user_id: super::user_id(user),
        },
    )
    .await
}

#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let options = options(&state, &user).await?;
    let values = NewTicketValues {
        board: options
            .default_board
            .map(|b| b.to_string())
            .unwrap_or_default(),
        ..NewTicketValues::default()
    };
    Ok(render_form(
        &state,
        &user,
        &nonce,
        &options,
        values,
        Vec::new(),
        StatusCode::OK,
    ))
}

fn values(form: &UploadForm) -> NewTicketValues {
    NewTicketValues {
        title: form.field("title").to_owned(),
        description: form.field("description").to_owned(),
        board: form.field("board").to_owned(),
        priority: form.field("priority").to_owned(),
        category: form.field("category").to_owned(),
    }
}

/// The ids chosen in the selects; an unreadable one is "not offered".
fn choices(form: &UploadForm) -> Result<(Uuid, Uuid, Option<Uuid>), FieldError> {
    let id = |field: &str| {
        Uuid::parse_str(form.field(field).trim()).map_err(|_| FieldError {
            field: field.to_owned(),
            code: "not_offered".to_owned(),
        })
    };
    let category = match form.field("category").trim() {
        "" => None,
        _ => Some(id("category")?),
    };
    Ok((id("board")?, id("priority")?, category))
}

#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn submit(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    payload: Multipart,
) -> Result<HttpResponse, PortalError> {
    let form = upload::read(&state, &user, payload).await?;
    let refuse = |errors: Vec<FieldError>, options: &TicketFormOptions| {
        render_form(
            &state,
            &user,
            &nonce,
            options,
            values(&form),
            errors,
            StatusCode::BAD_REQUEST,
        )
    };
    if let Some(problem) = form.problem {
        upload::count(&state, &form, "success");
        let options = options(&state, &user).await?;
        let error = FieldError {
            field: "files".into(),
            code: problem.code().into(),
        };
        return Ok(refuse(vec![error], &options));
    }
    let (board_id, priority_id, category_id) = match choices(&form) {
        Ok(ids) => ids,
        Err(error) => {
            form.forget(&state).await;
            state
                .metrics
                .tickets_created
                .with_label_values(&["portal", "invalid"])
                .inc();
            let options = options(&state, &user).await?;
            return Ok(refuse(vec![error], &options));
        }
    };
    let msg = CreateTicket {
        user_id: super::user_id(&user),
        ticket: NewTicket {
            title: form.field("title").to_owned(),
            description: form.field("description").to_owned(),
            board_id,
            priority_id,
            category_id,
        },
        files: form.files.clone(),
    };
    let addr = super::tenant_data(&state, user.tenant.id).await?;
    match addr.send(msg).await.map_err(PortalError::unavailable)? {
        Ok(number) => {
            upload::count(&state, &form, "success");
            Ok(super::detail::after(&number, DetailNotice::Created, "main"))
        }
        Err(TicketError::Invalid(e)) => {
            form.forget(&state).await;
            let options = options(&state, &user).await?;
            let error = FieldError {
                field: e.field.to_owned(),
                code: e.message.to_owned(),
            };
            Ok(refuse(vec![error], &options))
        }
        Err(e) => {
            form.forget(&state).await;
            upload::count(&state, &form, e.outcome());
            Err(super::page_error(e))
        }
    }
}
