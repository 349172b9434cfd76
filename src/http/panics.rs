//! A panic while answering a request ends as one log line naming the route, one count in
//! `portal_http_panics_total{route}` and a plain 500 page: never a backtrace per request (which
//! an unauthenticated client could otherwise use to flood the log), never a dropped connection.
//!
//! The process-wide panic hook stays quiet while a request is being polled on this thread and
//! leaves the panic's message and location for `catch_panics`, which writes the one line.
//! Panics anywhere else (actors, start-up) go to the hook that was installed before.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe, PanicHookInfo};
use std::pin::Pin;
use std::sync::Once;
use std::task::{Context, Poll};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpResponse};
use portal_views::errors::ErrorKind;
use portal_views::theme::Branding;

use crate::app::AppState;
use crate::http::middleware::method_label;
use crate::http::render;

/// The policy of the panic page: it has no nonce, and needs none (no inline script or style).
const PANIC_PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

thread_local! {
    /// How many request polls are under way on this thread (nested middleware counts once each).
    static POLLING_REQUEST: Cell<u32> = const { Cell::new(0) };
    /// What the hook saw of the last panic inside a request poll on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

/// Installs the hook (once per process; later calls do nothing).
pub fn install_hook() {
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if POLLING_REQUEST.with(Cell::get) > 0 {
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(describe(info)));
            } else {
                previous(info);
            }
        }));
    });
}

/// `message at file:line`, on one line, bounded.
fn describe(info: &PanicHookInfo<'_>) -> String {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned());
    let location = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!("{message}{location}")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(500)
        .collect()
}

/// Polls a future with the hook told to keep quiet, and turns a panic into `Err(description)`.
struct CatchPanic<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.inner.as_mut();
        POLLING_REQUEST.with(|n| n.set(n.get().saturating_add(1)));
        let polled = catch_unwind(AssertUnwindSafe(|| inner.poll(cx)));
        POLLING_REQUEST.with(|n| n.set(n.get().saturating_sub(1)));
        match polled {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => {
                let seen = LAST_PANIC.with(|last| last.borrow_mut().take());
                let message = seen.unwrap_or_else(|| {
                    payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "(no message)".to_owned())
                });
                Poll::Ready(Err(message))
            }
        }
    }
}

/// The outermost middleware of both listeners: a panic below it becomes a logged, counted 500.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = method_label(req.method());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // `call` runs inside the guarded poll too: middleware below may panic before its future exists.
    let answered = CatchPanic {
        inner: Box::pin(async move { next.call(req).await }),
    }
    .await;
    match answered {
        Ok(result) => result.map(ServiceResponse::map_into_boxed_body),
        Err(panic) => {
            tracing::error!(route = %route, method, panic = %panic, "request handler panicked");
            if let Some(state) = state {
                state.metrics.http_panics.with_label_values(&[&route]).inc();
                state
                    .metrics
                    .http_requests
                    .with_label_values(&[&route, method, "500"])
                    .inc();
            }
            // The request went down with the panic (and must not be cloned before routing), so
            // the page travels as an error, which the server answers with as it is.
            Err(InternalError::from_response("request handler panicked", panic_page()).into())
        }
    }
}

/// The generic "something went wrong" page, with the security headers it needs on its own.
fn panic_page() -> HttpResponse {
    let body = render::error_page(&Branding::default_portal(), ErrorKind::Internal);
    HttpResponse::build(StatusCode::INTERNAL_SERVER_ERROR)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PANIC_PAGE_CSP),
        ))
        .insert_header((
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .insert_header((header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::middleware::from_fn;
    use actix_web::test::{call_service, init_service, try_call_service, TestRequest};
    use actix_web::App;

    #[allow(clippy::panic, clippy::unused_async)]
    async fn explodes() -> HttpResponse {
        panic!("boom")
    }

    #[actix_web::test]
    async fn a_panicking_handler_answers_a_plain_500_and_the_next_request_is_served() {
        install_hook();
        let app = init_service(
            App::new()
                .route("/explode/{id}", web::get().to(explodes))
                .route("/fine", web::get().to(HttpResponse::Ok))
                .wrap(from_fn(catch_panics)),
        )
        .await;
        for _ in 0..3 {
            let request = TestRequest::get().uri("/explode/7").to_request();
            let Err(error) = try_call_service(&app, request).await else {
                panic!("a panic answers with the error page")
            };
            let res = error.error_response();
            assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(
                res.headers()
                    .get(header::CONTENT_SECURITY_POLICY)
                    .map(|v| v.as_bytes()),
                Some(PANIC_PAGE_CSP.as_bytes())
            );
            let body = actix_web::body::to_bytes(res.into_body())
                .await
                .unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&body).contains("boom"),
                "no internals in the page"
            );
        }
        let fine = call_service(&app, TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(fine.status(), StatusCode::OK);
        assert_eq!(
            POLLING_REQUEST.with(Cell::get),
            0,
            "the quiet flag is reset after a panic"
        );
        assert_eq!(
            LAST_PANIC.with(|l| l.borrow().clone()),
            None,
            "the message was taken"
        );
    }

    #[test]
    fn the_hook_keeps_quiet_only_inside_a_request_poll() {
        install_hook();
        POLLING_REQUEST.with(|n| n.set(1));
        let caught = std::panic::catch_unwind(|| {
            #[allow(clippy::panic)]
            {
                panic!("inside\na request")
            }
        });
        POLLING_REQUEST.with(|n| n.set(0));
        assert!(caught.is_err());
        let seen = LAST_PANIC
            .with(|l| l.borrow_mut().take())
            .unwrap_or_default();
        assert!(
            seen.starts_with("inside a request at src/http/panics.rs:"),
            "{seen}"
        );
        assert!(!seen.contains('\n'), "one line");
    }
}
