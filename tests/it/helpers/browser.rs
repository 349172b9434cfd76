//! `Page` (a response read whole) and `Browser` (a client with a hand-kept cookie jar whose POSTs
//! carry a same-site `Origin`).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;

use super::CSRF_COOKIE;

/// A response read whole.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub async fn from(resp: reqwest::Response) -> Page {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// A browser with a cookie jar kept by hand; POSTs carry a same-site `Origin`.
#[derive(Clone)]
pub struct Browser {
    pub base: String,
    /// Sent as `Host` (and `https://host` as `Origin`) instead of the base's.
    pub host: Option<String>,
    pub(super) client: reqwest::Client,
    pub(super) jar: Arc<Mutex<BTreeMap<String, String>>>,
}

impl Browser {
    /// A browser with no cookies for the server at `base` (`http://127.0.0.1:<port>`).
    pub fn at(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            host: None,
            client: super::client(),
            jar: Arc::default(),
        }
    }

    /// A new browser sending `host` as its `Host` (a vanity domain) to the same server.
    pub fn on_host(self, host: &str) -> Browser {
        Browser {
            host: Some(host.to_owned()),
            ..self
        }
    }

    /// The same browser (cookies and all) talking to the server at `base` (a restarted process).
    pub fn moved_to(&self, base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            ..self.clone()
        }
    }

    fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb(&self, page: &Page) {
        let mut jar = self.jar.lock().unwrap();
        for set in page.set_cookies() {
            let first = set.split(';').next().unwrap_or("");
            if let Some((name, value)) = first.split_once('=') {
                let expired = set.to_ascii_lowercase().contains("max-age=0");
                if expired || value.is_empty() {
                    jar.remove(name.trim());
                } else {
                    jar.insert(name.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
    }

    /// The same browser talking HTTPS (to a portal that serves TLS itself; any certificate).
    pub fn over_tls(self) -> Browser {
        Browser {
            base: self.base.replace("http://", "https://"),
            client: reqwest::Client::builder()
                .danger_accept_invalid_certs(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            ..self
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }

    fn origin(&self) -> String {
        match &self.host {
            Some(host) => format!("https://{host}"),
            None => self.base.clone(),
        }
    }

    fn with_host(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.host {
            Some(host) => req.header("host", host),
            None => req,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let mut req = self.with_host(self.client.get(format!("{}{path}", self.base)));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// `GET` whose body is kept as bytes (downloads), with its status and headers.
    pub async fn get_bytes(&self, path: &str) -> (u16, HeaderMap, Vec<u8>) {
        let mut req = self.with_host(self.client.get(format!("{}{path}", self.base)));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        (status, headers, resp.bytes().await.unwrap().to_vec())
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_form_from(path, form, Some(&self.origin())).await
    }

    /// `GET` for tests that stop or kill the server under load: the page, or the transport
    /// error (refused, reset) instead of a panic.
    pub async fn try_get(&self, path: &str) -> Result<Page, reqwest::Error> {
        let req = self
            .with_host(self.client.get(format!("{}{path}", self.base)))
            .header("cookie", self.cookie_header());
        self.try_send(req).await
    }

    /// A form `POST` (same-site `Origin`), as `try_get`.
    pub async fn try_post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<Page, reqwest::Error> {
        let req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .form(form)
            .header("origin", self.origin())
            .header("cookie", self.cookie_header());
        self.try_send(req).await
    }

    /// A JSON `POST` sent from `origin`, as `try_get`.
    pub async fn try_post_json_from(
        &self,
        path: &str,
        body: &serde_json::Value,
        origin: &str,
    ) -> Result<Page, reqwest::Error> {
        let req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .json(body)
            .header("origin", origin)
            .header("cookie", self.cookie_header());
        self.try_send(req).await
    }

    async fn try_send(&self, req: reqwest::RequestBuilder) -> Result<Page, reqwest::Error> {
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.text().await?;
        let page = Page {
            status,
            headers,
            body,
        };
        self.absorb(&page);
        Ok(page)
    }

    /// Posts a form as a page of `origin` would (`None`: no `Origin` header at all).
    pub async fn post_form_from(
        &self,
        path: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> Page {
        let mut req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .form(form);
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// Posts a `multipart/form-data` form: text fields, then files as
    /// (field, file name, content type, bytes).
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, Vec<u8>)],
    ) -> Page {
        let req = self.multipart_request(path, fields, files);
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// A multipart `POST`, as `try_get`.
    pub async fn try_post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, Vec<u8>)],
    ) -> Result<Page, reqwest::Error> {
        self.try_send(self.multipart_request(path, fields, files))
            .await
    }

    fn multipart_request(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, Vec<u8>)],
    ) -> reqwest::RequestBuilder {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        for (name, file_name, content_type, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes.clone())
                .file_name(file_name.to_string())
                .mime_str(content_type)
                .unwrap();
            form = form.part(name.to_string(), part);
        }
        let mut req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .header("origin", self.origin())
            .multipart(form);
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        req
    }

    /// Posts JSON (same-site `Origin`, cookies kept).
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Page {
        self.post_json_from(path, body, Some(&self.origin())).await
    }

    /// Posts JSON as a script of `origin` would (`None`: no `Origin` header at all).
    pub async fn post_json_from(
        &self,
        path: &str,
        body: &serde_json::Value,
        origin: Option<&str>,
    ) -> Page {
        let mut req = self
            .with_host(self.client.post(format!("{}{path}", self.base)))
            .json(body);
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let page = Page::from(req.send().await.unwrap()).await;
        self.absorb(&page);
        page
    }

    /// Opens the sign-in page of `slug` and posts the credentials with its CSRF token.
    pub async fn sign_in(&self, slug: &str, email: &str, password: &str) -> Page {
        self.sign_in_to(slug, email, password, None).await
    }

    pub async fn sign_in_to(
        &self,
        slug: &str,
        email: &str,
        password: &str,
        callback: Option<&str>,
    ) -> Page {
        let page = self
            .get(&format!("/auth/client-portal/signin?tenant={slug}"))
            .await;
        assert_eq!(page.status, 200, "sign-in page: {}", page.body);
        let csrf = self.cookie(CSRF_COOKIE).expect("csrf cookie");
        let mut form = vec![
            ("email", email),
            ("password", password),
            ("csrf_token", csrf.as_str()),
            ("tenant", slug),
        ];
        if let Some(callback) = callback {
            form.push(("callbackUrl", callback));
        }
        self.post_form("/auth/client-portal/signin", &form).await
    }

    /// The CSRF token of the signed-in page's sign-out form.
    pub fn form_csrf(page: &Page) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = page.body.find(marker).expect("csrf field") + marker.len();
        let end = page.body[start..].find('"').unwrap() + start;
        page.body[start..end].to_owned()
    }
}
