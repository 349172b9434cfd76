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

/// The form's view model: the options the user may choose from and what was typed.
fn new_ticket_view(
    state: &AppState,
    user: &PortalUser,
    options: &TicketFormOptions,
    values: NewTicketValues,
    errors: Vec<FieldError>,
) -> NewTicketView {
    NewTicketView {
        csrf_token: user.session.csrf_token.clone(),
        boards: super::choice_options(&options.boards, &[]),
        priorities: super::choice_options(&options.priorities, &options.boards),
        categories: super::choice_options(&options.categories, &options.boards),
        values,
        errors,
        max_megabytes: super::max_megabytes(state),
        max_files: state.max_files_per_upload,
    }
}

async fn render_form(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    view: &NewTicketView,
    status: StatusCode,
) -> HttpResponse {
    render::page(
        status,
        Some(&user.tenant),
        &nonce.0,
        Some(crate::routes::nav(state, user, NavItem::Tickets).await),
        |shell| views::page(shell, view),
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

/// `GET /client-portal/tickets/new`: the empty form, on the user's default board with its
/// default priority (none when the MSP marked none: the user chooses).
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn show_new_ticket(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
) -> Result<HttpResponse, PortalError> {
    let options = options(&state, &user).await?;
    let chosen = |id: Option<Uuid>| id.map(|id| id.to_string()).unwrap_or_default();
    let values = NewTicketValues {
        board: chosen(options.default_board),
        priority: chosen(options.default_priority),
        ..NewTicketValues::default()
    };
    let view = new_ticket_view(&state, &user, &options, values, Vec::new());
    Ok(render_form(&state, &user, &nonce, &view, StatusCode::OK).await)
}

/// The form again with what was typed and why it was refused (400; refused files: 413 when
/// one was too large, 507 when there is no room to store them).
async fn refuse(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    form: &UploadForm,
    error: FieldError,
) -> Result<HttpResponse, PortalError> {
    let options = options(state, user).await?;
    let status = match error.field.as_str() {
        "files" => upload::refusal_status(&error.code),
        _ => StatusCode::BAD_REQUEST,
    };
    let view = new_ticket_view(state, user, &options, values(form), vec![error]);
    Ok(render_form(state, user, nonce, &view, status).await)
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

/// The ids chosen in the selects; none chosen is "required", an unreadable one "not offered".
fn choices(form: &UploadForm) -> Result<(Uuid, Uuid, Option<Uuid>), FieldError> {
    let id = |field: &str| match form.field(field).trim() {
        "" => Err(field_error(field, "required")),
        chosen => Uuid::parse_str(chosen).map_err(|_| field_error(field, "not_offered")),
    };
    let category = match form.field("category").trim() {
        "" => None,
        _ => Some(id("category")?),
    };
    Ok((id("board")?, id("priority")?, category))
}

/// The message that files the form's ticket with its stored files.
fn create_ticket(user: &PortalUser, form: &UploadForm) -> Result<CreateTicket, FieldError> {
    let (board_id, priority_id, category_id) = choices(form)?;
    Ok(CreateTicket {
        user_id: super::user_id(user),
        ticket: NewTicket {
            title: form.field("title").to_owned(),
            description: form.field("description").to_owned(),
            board_id,
            priority_id,
            category_id,
        },
        files: form.files.clone(),
    })
}

fn field_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
    }
}

/// A select's value that was not offered: nothing kept, counted as invalid, the form again.
async fn refuse_choice(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    form: &UploadForm,
    error: FieldError,
) -> Result<HttpResponse, PortalError> {
    form.forget(state).await;
    state
        .metrics
        .tickets_created
        .with_label_values(&["portal", "invalid"])
        .inc();
    refuse(state, user, nonce, form, error).await
}

/// `POST /client-portal/tickets`: files a ticket, or shows the form again with why not.
#[tracing::instrument(skip_all, fields(tenant = %user.tenant.slug))]
pub async fn submit_ticket(
    state: web::Data<AppState>,
    user: PortalUser,
    nonce: CspNonce,
    payload: Multipart,
) -> Result<HttpResponse, PortalError> {
    let form = upload::read(&state, &user, payload).await?;
    if let Some(problem) = form.problem {
        upload::count(&state, &form, "success");
        let error = field_error("files", problem.code());
        return refuse(&state, &user, &nonce, &form, error).await;
    }
    let msg = match create_ticket(&user, &form) {
        Ok(msg) => msg,
        Err(error) => return refuse_choice(&state, &user, &nonce, &form, error).await,
    };
    let addr = super::tenant_data(&state, user.tenant.id).await?;
    let created = addr.send(msg).await.map_err(PortalError::unavailable)?;
    answer_created(&state, &user, &nonce, &form, created).await
}

/// To the new ticket; a refused one forgets its files and shows the form again, or an error.
async fn answer_created(
    state: &AppState,
    user: &PortalUser,
    nonce: &CspNonce,
    form: &UploadForm,
    created: Result<String, TicketError>,
) -> Result<HttpResponse, PortalError> {
    let number = match created {
        Ok(number) => number,
        Err(e) => {
            form.forget(state).await;
            return match e {
                TicketError::Invalid(e) => {
                    let error = field_error(e.field, e.message);
                    refuse(state, user, nonce, form, error).await
                }
                e => {
                    upload::count(state, form, e.outcome());
                    Err(super::page_error(e))
                }
            };
        }
    };
    upload::count(state, form, "success");
    Ok(super::detail::after(&number, DetailNotice::Created, "main"))
}
