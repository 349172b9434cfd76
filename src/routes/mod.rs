//! Routes: one module per resource, handlers short enough to read at a glance.

pub mod account;
pub mod account_recovery;
pub mod admin;
pub mod api;
pub mod assets;
pub mod billing;
pub mod branding;
pub mod company;
pub mod company_member;
pub mod dashboard;
pub mod display;
pub mod email_change;
pub mod handoff;
pub mod integration;
pub mod notifications;
pub mod profile;
pub mod projects;
pub mod root;
pub mod security;
pub mod setup;
pub mod signin;
pub mod signout;
pub mod sso;
pub mod tickets;
pub mod two_factor;

use actix_web::error::{QueryPayloadError, UrlencodedError};
use actix_web::{web, HttpRequest, HttpResponse};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::extract::PortalUser;

/// The portal listener's routes.
pub fn portal(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(root::redirect_root))
        .route(
            "/assets/portal.css",
            web::get().to(assets::serve_stylesheet),
        )
        .route("/favicon.ico", web::get().to(assets::serve_favicon))
        .route(
            "/branding/{file}",
            web::get().to(branding::serve_branding_image),
        )
        .route(
            portal_views::layout::DISPLAY_ACTION,
            web::get().to(display::set_display),
        )
        .route(
            sso::CALLBACK_PATH,
            web::get().to(sso::callback::complete_sso_sign_in),
        )
        .route(
            "/auth/client-portal/sso/{provider}",
            web::get().to(sso::start::start_sso_sign_in),
        )
        .service(
            web::resource("/auth/client-portal/signin")
                .route(web::get().to(signin::get::show_sign_in))
                .route(web::post().to(signin::post::submit_sign_in))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/auth/client-portal/forgot-password")
                .route(web::get().to(account_recovery::forgot::show_forgot_password))
                .route(web::post().to(account_recovery::forgot::submit_forgot_password))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/auth/password-reset/set-new-password")
                .route(web::get().to(account_recovery::set_new_password::show_set_new_password))
                .route(web::post().to(account_recovery::set_new_password::submit_set_new_password))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/auth/client-portal/find-organization")
                .route(
                    web::post().to(account_recovery::find_organization::submit_find_organization),
                )
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/auth/client-portal/signout")
                .route(web::post().to(signout::submit_sign_out))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::handoff::HANDOFF_ACTION)
                .route(web::get().to(handoff::show_handoff))
                .route(web::post().to(handoff::submit_handoff))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(handoff::COMPLETE_PATH)
                .route(web::get().to(handoff::complete_handoff))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(api::domain_session::PATH)
                .app_data(
                    web::JsonConfig::default()
                        .limit(crate::app::MAX_FORM_BYTES)
                        .error_handler(crate::errors::json_payload_error),
                )
                .route(web::post().to(api::domain_session::create_domain_session))
                .default_service(web::to(api::refuse_method)),
        )
        .service(
            web::resource(portal_views::setup::ACTION)
                .route(web::get().to(setup::show_setup))
                .route(web::post().to(setup::submit_setup))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::setup::RESEND_ACTION)
                .route(web::post().to(setup::renew_setup_link))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(two_factor::PATH)
                .route(web::get().to(two_factor::show_two_factor))
                .route(web::post().to(two_factor::submit_two_factor))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/profile/security")
                .route(web::get().to(security::show_security))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/profile/security/password")
                .route(web::post().to(security::password::submit_password_change))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/profile/security/two-factor")
                .route(web::get().to(security::two_factor::show_enrollment))
                .route(web::post().to(security::two_factor::confirm_enrollment))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/profile/security/two-factor/disable")
                .route(web::post().to(security::two_factor::disable_two_factor))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/profile/security/sessions/revoke")
                .route(web::post().to(security::sessions::revoke_session))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/profile/security/sessions/revoke-others")
                .route(web::post().to(security::sessions::revoke_other_sessions))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::security::UNLINK_ACTION)
                .route(web::post().to(security::identities::unlink_identity))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::account::ACCOUNT_PATH)
                .route(web::get().to(account::show_account))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::email_change::REQUEST_PATH)
                .route(web::post().to(email_change::request_change))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::email_change::RESEND_PATH)
                .route(web::post().to(email_change::resend_link))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::email_change::CANCEL_PATH)
                .route(web::post().to(email_change::cancel_change))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::email_change::CONFIRM_PATH)
                .route(web::get().to(email_change::confirm::show_confirm))
                .route(web::post().to(email_change::confirm::submit_confirm))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::notifications::PREFERENCES_PATH)
                .route(web::post().to(notifications::save_choices))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/notifications/unsubscribe/{token}")
                .route(web::get().to(notifications::confirm_unsubscribe))
                .route(web::post().to(notifications::unsubscribe))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::profile::DELETION_PATH)
                .route(web::post().to(profile::request_deletion))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::profile::DATA_PATH)
                .route(web::get().to(profile::download_data))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::profile::PROFILE_PATH)
                .route(web::get().to(profile::show_profile))
                .route(web::post().to(profile::save_profile))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::company::ACTION)
                .route(web::get().to(company::show_company))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::company::REVOKE_SESSION_ACTION)
                .route(web::post().to(company::revoke_company_session))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::setup::INVITE_ACTION)
                .route(web::post().to(company::invite_contact))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::company::REVOKE_USER_ACTION)
                .route(web::post().to(company::sign_out_company_user))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::company_details::DETAILS_ACTION)
                .route(web::post().to(company::save_details))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::company::TWO_FACTOR_ACTION)
                .route(web::post().to(company::set_two_factor))
                .default_service(web::to(method_not_allowed)),
        )
        // After `users/sign-out`, which these would otherwise shadow.
        .service(
            web::resource("/client-portal/client-settings/users/{user}")
                .route(web::get().to(company_member::show_member))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/client-settings/users/{user}/{action}")
                .route(web::post().to(company_member::change))
                .default_service(web::to(method_not_allowed)),
        )
        .route(
            "/client-portal",
            web::get().to(dashboard::redirect_to_dashboard),
        )
        .route(
            "/client-portal/",
            web::get().to(dashboard::redirect_to_dashboard),
        )
        .route(
            "/client-portal/dashboard",
            web::get().to(dashboard::show_dashboard),
        )
        .service(
            web::resource(portal_views::tickets::LIST_PATH)
                .route(web::get().to(tickets::list::show_tickets))
                .route(web::post().to(tickets::create::submit_ticket))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::tickets::NEW_PATH)
                .route(web::get().to(tickets::create::show_new_ticket))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}")
                .route(web::get().to(tickets::detail::show_ticket))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}/comments")
                .app_data(comment_form())
                .route(web::post().to(tickets::replies::submit_reply))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}/comments/{comment}")
                .app_data(comment_form())
                .route(web::post().to(tickets::replies::submit_comment_edit))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}/close")
                .route(web::post().to(tickets::state::close_ticket))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}/reopen")
                .route(web::post().to(tickets::state::reopen_ticket))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}/attachments")
                .route(web::post().to(tickets::attachments::upload_attachments))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/tickets/{number}/attachments/{attachment}")
                .route(web::get().to(tickets::attachments::download_attachment))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::billing::BASE_PATH)
                .route(web::get().to(billing::show_overview))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::billing::INVOICES_PATH)
                .route(web::get().to(billing::show_invoices))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/billing/invoices/{number}")
                .route(web::get().to(billing::show_invoice))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/billing/invoices/{number}/pdf")
                .route(web::get().to(billing::download_pdf))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::billing::USAGE_PATH)
                .route(web::get().to(billing::show_usage))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::billing::PAYMENTS_PATH)
                .route(web::get().to(billing::show_payments))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource(portal_views::projects::LIST_PATH)
                .route(web::get().to(projects::list::show_projects))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/projects/{number}")
                .route(web::get().to(projects::detail::show_project))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/projects/{number}/view")
                .route(web::post().to(projects::detail::choose_view))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/projects/{number}/documents/{document}")
                .route(web::get().to(projects::documents::download_document))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/client-portal/projects/{number}/tasks/{task}/documents")
                .route(web::post().to(projects::documents::upload_documents))
                .default_service(web::to(method_not_allowed)),
        )
        .default_service(web::to(not_found));
}

async fn method_not_allowed() -> Result<HttpResponse, PortalError> {
    Err(PortalError::MethodNotAllowed)
}

/// Unknown pages: inside the portal a signed-out visitor is sent to sign in first, so the
/// answer does not tell which portal pages exist.
async fn not_found(req: HttpRequest) -> Result<HttpResponse, PortalError> {
    if req.path().starts_with("/client-portal/") {
        let mut payload = actix_web::dev::Payload::None;
        let _user =
            <PortalUser as actix_web::FromRequest>::from_request(&req, &mut payload).await?;
    }
    Err(PortalError::NotFound)
}

/// Comment forms carry up to 20,000 characters (up to four bytes each), more than other forms.
fn comment_form() -> web::FormConfig {
    const COMMENT_FORM_BYTES: usize = 96 * 1024;
    web::FormConfig::default()
        .limit(COMMENT_FORM_BYTES)
        .error_handler(form_error)
}

/// Malformed or oversized form bodies: a clear 4xx page.
pub fn form_error(err: UrlencodedError, _: &HttpRequest) -> actix_web::Error {
    match err {
        UrlencodedError::Overflow { .. } | UrlencodedError::UnknownLength => {
            PortalError::PayloadTooLarge.into()
        }
        other => PortalError::BadRequest(other.to_string()).into(),
    }
}

/// Malformed query strings: a clear 400 page.
pub fn query_error(err: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    PortalError::BadRequest(err.to_string()).into()
}

/// The navigation header for a signed-in user.
/// The navigation of a signed-in page, with what the user's role lets them reach (read per
/// request, like every permission; a failed read only hides the Projects and Billing items).
pub async fn nav(
    state: &AppState,
    user: &PortalUser,
    active: portal_views::layout::NavItem,
) -> portal_views::layout::SignedInNav {
    let msg = portal_actors::tenant_data::NavAccess {
        user_id: user.session.record.user.user_id,
    };
    let held = match tickets::tenant_data(state, user.tenant.id).await {
        Ok(addr) => match addr.send(msg).await {
            Ok(Ok(held)) => held,
            _ => Default::default(),
        },
        Err(_) => Default::default(),
    };
    portal_views::layout::SignedInNav {
        may_read_projects: held.projects,
        may_read_billing: held.billing,
        is_client_admin: held.company,
        ..signed_in_nav(user, active)
    }
}

fn signed_in_nav(
    user: &PortalUser,
    active: portal_views::layout::NavItem,
) -> portal_views::layout::SignedInNav {
    portal_views::layout::SignedInNav {
        display_name: user.session.record.user.display_name(),
        company: user.session.record.user.client_name.clone(),
        csrf_token: user.session.csrf_token.clone(),
        active,
        is_client_admin: user.session.record.user.is_client_admin(),
        may_read_projects: false,
        may_read_billing: false,
        reader: crate::http::render::reader(user),
    }
}
