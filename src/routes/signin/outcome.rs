//! The one answer to a finished sign-in, shared by password sign-in, two-factor, setup and
//! single sign-on: a redirect to the return path with a session here, the page that hands the
//! user over to the vanity domain, or the second-factor step with its pending-sign-in cookie.

use actix_web::cookie::Cookie;
use actix_web::{HttpRequest, HttpResponse};
use portal_actors::auth::{SignedIn, SignedInVia};
use portal_actors::model::TenantInfo;
use portal_actors::sessions::NewSession;
use portal_actors::tenant_directory::TenantKey;

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::cookies::{challenge_cookie, set_cookie};
use crate::http::render::see_other;
use crate::http::session::start_session;
use crate::http::tenant::lookup;
use crate::routes::handoff::post_binding;

/// A sign-in's response, and the session it starts once the caller has added its own headers
/// (the session cookie is set last, as `send` ends the session it replaces).
pub struct SignInAnswer {
    response: HttpResponse,
    session: Option<NewSession>,
}

impl SignInAnswer {
    /// `response`, starting `session` (when any) on `send`.
    pub fn new(response: HttpResponse, session: Option<NewSession>) -> Self {
        Self { response, session }
    }

    /// Adds `cookie` to the response (before the session's).
    pub fn with_cookie(mut self, cookie: &Cookie<'_>) -> Result<Self, PortalError> {
        set_cookie(&mut self.response, cookie)?;
        Ok(self)
    }

    /// Changes the response (a header, say) before the session starts.
    pub fn map(mut self, f: impl FnOnce(HttpResponse) -> HttpResponse) -> Self {
        self.response = f(self.response);
        self
    }

    /// Starts the session (its cookie, and the end of the one it replaces) and answers.
    pub async fn send(
        self,
        state: &AppState,
        req: &HttpRequest,
    ) -> Result<HttpResponse, PortalError> {
        let mut response = self.response;
        if let Some(session) = self.session {
            start_session(state, req, &mut response, &session.token, session.max_age).await?;
        }
        Ok(response)
    }
}

/// How a sign-in continues in the browser. `tenant` brands the handoff page (looked up from
/// the user when not given); `return_path` is already validated.
pub async fn answer_sign_in(
    state: &AppState,
    nonce: &str,
    tenant: Option<&TenantInfo>,
    signed_in: SignedIn,
    return_path: &str,
) -> Result<SignInAnswer, PortalError> {
    Ok(match signed_in.via {
        SignedInVia::Session(session) => SignInAnswer::new(see_other(return_path), Some(session)),
        SignedInVia::Handoff { ott, target } => {
            let looked_up = match tenant {
                Some(_) => None,
                None => lookup(state, TenantKey::Id(signed_in.user.tenant)).await?,
            };
            let page = post_binding(tenant.or(looked_up.as_ref()), nonce, &ott, &target);
            SignInAnswer::new(page, None)
        }
        SignedInVia::SecondFactor(pending) => {
            SignInAnswer::new(see_other(crate::routes::two_factor::PATH), None)
                .with_cookie(&challenge_cookie(&pending.token, pending.max_age))?
        }
    })
}
