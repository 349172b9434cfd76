//! The harness's own tests: discovery, a full code flow, and the login page after a wrong password.

use super::*;

const CLIENT_ID: &str = "portal";
const CLIENT_SECRET: &str = "portal-client-secret";
const REDIRECT_URI: &str = "http://127.0.0.1:1/cb";

fn client() -> ClientRegistration {
    ClientRegistration {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        redirect_uris: vec![REDIRECT_URI.into()],
    }
}

fn alice() -> Account {
    Account {
        login: "alice".into(),
        password: "alice-password".into(),
        claims: json!({
            "sub": "alice-sub-1",
            "email": "alice@acme.test",
            "email_verified": true,
            "name": "Alice Anders",
            "given_name": "Alice",
            "family_name": "Anders",
        }),
        amr: vec!["pwd".into(), "mfa".into()],
    }
}

/// An authorization request built by hand, and what the client keeps for the callback.
struct AuthRequest {
    url: String,
    state: String,
    nonce: String,
    verifier: String,
}

fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

fn auth_request(discovery: &Value, scope: &str) -> AuthRequest {
    let (state, nonce, verifier) = (random_token(), random_token(), random_token());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let mut url = Url::parse(discovery["authorization_endpoint"].as_str().unwrap()).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", CLIENT_ID)
        .append_pair("redirect_uri", REDIRECT_URI)
        .append_pair("scope", scope)
        .append_pair("state", &state)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    AuthRequest {
        url: url.to_string(),
        state,
        nonce,
        verifier,
    }
}

async fn get_json(url: &str) -> Value {
    let response = http_client().get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET {url}");
    response.json().await.unwrap()
}

/// The callback's query parameters, after checking it goes to REDIRECT_URI.
fn callback_params(callback: &str) -> BTreeMap<String, String> {
    assert!(
        callback.starts_with(&format!("{REDIRECT_URI}?")),
        "callback {callback}"
    );
    Url::parse(callback)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Signs in as `login` for `request` and redeems the code: the ID token (checked against state).
async fn flow(
    discovery: &Value,
    request: &AuthRequest,
    login: &str,
    password: &str,
    secret_post: bool,
) -> String {
    let callback = log_in_at_provider(&request.url, login, password).await;
    let params = callback_params(&callback);
    assert_eq!(params.get("state"), Some(&request.state), "{callback}");
    let code = params
        .get("code")
        .unwrap_or_else(|| panic!("no code in {callback}"));

    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", request.verifier.as_str()),
    ];
    let token_endpoint = discovery["token_endpoint"].as_str().unwrap();
    let request = http_client().post(token_endpoint);
    let request = if secret_post {
        let mut fields = form.to_vec();
        fields.extend([("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)]);
        request.form(&fields)
    } else {
        request
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&form)
    };
    let response = request.send().await.unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "token endpoint: {body}");
    body["id_token"].as_str().expect("id_token").to_owned()
}

#[actix_web::test]
async fn oidc_provider_serves_discovery_and_a_full_code_flow() {
    let Some(mut provider) =
        OidcProvider::start("/realms/acme", vec![client()], vec![alice()]).await
    else {
        return;
    };
    let issuer = provider.issuer().to_owned();
    assert_eq!(
        issuer,
        format!("http://127.0.0.1:{}/realms/acme", provider.port())
    );

    let discovery = get_json(&provider.discovery_url()).await;
    assert_eq!(discovery["issuer"], issuer.as_str());
    assert_eq!(
        discovery["authorization_endpoint"],
        format!("{issuer}/auth")
    );
    assert_eq!(
        discovery["code_challenge_methods_supported"],
        json!(["S256"])
    );
    for method in ["client_secret_basic", "client_secret_post"] {
        assert!(
            discovery["token_endpoint_auth_methods_supported"]
                .as_array()
                .unwrap()
                .contains(&json!(method)),
            "{method}: {discovery}"
        );
    }
    let jwks_uri = discovery["jwks_uri"].as_str().unwrap().to_owned();
    let jwks = get_json(&jwks_uri).await;
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1, "{jwks}");
    let first_kid = keys[0]["kid"].as_str().unwrap().to_owned();
    assert_eq!(keys[0]["alg"], "RS256");
    assert!(
        keys[0].get("d").is_none(),
        "the JWKS must not publish the private key"
    );

    // 1. A full flow, client_secret_basic.
    let request = auth_request(&discovery, "openid email");
    let id_token = flow(&discovery, &request, "alice", "alice-password", false).await;
    assert!(rs256_signature_valid(&id_token, &jwks), "signature");
    let (header, claims) = jwt_parts(&id_token);
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["kid"], first_kid.as_str());
    assert_eq!(claims["iss"], issuer.as_str());
    assert_eq!(claims["aud"], CLIENT_ID);
    assert_eq!(claims["sub"], "alice-sub-1");
    assert_eq!(claims["nonce"], request.nonce.as_str());
    assert_eq!(claims["email"], "alice@acme.test");
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["amr"], json!(["pwd", "mfa"]));
    assert!(
        claims.get("name").is_none(),
        "no profile scope, no name: {claims}"
    );

    // 2. Tampered: the next ID token only, validly re-signed; client_secret_post.
    provider.tamper_next_id_token(json!({"aud": "x"})).await;
    let request = auth_request(&discovery, "openid email profile");
    let id_token = flow(&discovery, &request, "alice", "alice-password", true).await;
    assert!(
        rs256_signature_valid(&id_token, &jwks),
        "tampered tokens are re-signed"
    );
    let (header, claims) = jwt_parts(&id_token);
    assert_eq!(header["kid"], first_kid.as_str());
    assert_eq!(claims["aud"], "x");
    assert_eq!(claims["nonce"], request.nonce.as_str());
    assert_eq!(claims["name"], "Alice Anders");
    assert_eq!(claims["family_name"], "Anders");
    let request = auth_request(&discovery, "openid email");
    let id_token = flow(&discovery, &request, "alice", "alice-password", false).await;
    assert_eq!(
        jwt_parts(&id_token).1["aud"],
        CLIENT_ID,
        "tampering is for one token"
    );

    // 3. Rotation: the old key is gone; a new account with an extra claim (like Google's hd).
    let new_kid = provider.rotate_keys().await;
    assert_ne!(new_kid, first_kid);
    let rotated = get_json(&jwks_uri).await;
    let kids: Vec<&str> = rotated["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["kid"].as_str())
        .collect();
    assert_eq!(kids, vec![new_kid.as_str()]);
    provider
        .upsert_account(Account {
            login: "bob@acme.test".into(),
            password: "bob-password".into(),
            claims: json!({"sub": "bob-2", "email": "bob@acme.test", "email_verified": false, "hd": "acme.test"}),
            amr: vec!["pwd".into()],
        })
        .await;
    let request = auth_request(&discovery, "openid email");
    let id_token = flow(&discovery, &request, "bob@acme.test", "bob-password", false).await;
    assert!(rs256_signature_valid(&id_token, &rotated));
    assert!(
        !rs256_signature_valid(&id_token, &jwks),
        "the old JWKS must miss"
    );
    let (header, claims) = jwt_parts(&id_token);
    assert_eq!(header["kid"], new_kid.as_str());
    assert_eq!(claims["sub"], "bob-2");
    assert_eq!(claims["email_verified"], false);
    assert_eq!(claims["hd"], "acme.test");
    assert_eq!(claims["amr"], json!(["pwd"]));
    assert_eq!(claims["iss"], issuer.as_str());

    // 4. Cancel: back to the client with access_denied and the state.
    let request = auth_request(&discovery, "openid email");
    let callback = cancel_at_provider(&request.url).await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    assert_eq!(
        callback_params(&callback).get("state"),
        Some(&request.state)
    );

    // 5. Stopped: the port no longer answers.
    provider.stop().await;
    let gone = http_client()
        .get(provider.discovery_url())
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(gone.is_err(), "the provider still answers after stop");
}

#[actix_web::test]
async fn oidc_provider_shows_its_login_page_again_after_a_wrong_password() {
    let Some(provider) = OidcProvider::start("", vec![client()], vec![alice()]).await else {
        return;
    };
    assert_eq!(
        provider.issuer(),
        format!("http://127.0.0.1:{}", provider.port())
    );
    let discovery = get_json(&provider.discovery_url()).await;
    assert_eq!(discovery["issuer"], provider.issuer());
    let request = auth_request(&discovery, "openid email");

    let mut browser = ProviderBrowser::new(&request.url);
    let (url, page) = open_login_page(&mut browser, &request.url)
        .await
        .expect("login page");
    assert!(
        page.contains(r#"name="password" type="password""#),
        "{page}"
    );
    assert!(page.contains(r#"id="sign-in""#) && page.contains(r#"id="cancel""#));
    let wrong = [("login", "alice"), ("password", "not-her-password")];
    match browser.submit(&url, &page, "login-form", &wrong).await {
        ProviderStep::Page { status, body, .. } => {
            assert_eq!(status, 200);
            assert!(body.contains("Invalid login or password"), "{body}");
            assert!(form_action(&body, "login-form").is_some(), "{body}");
        }
        ProviderStep::Left(url) => panic!("a wrong password went back to the client: {url}"),
    }

    // The right password still works on a fresh visit, and PKCE is not optional.
    let callback = log_in_at_provider(&request.url, "alice", "alice-password").await;
    assert!(
        callback_params(&callback).contains_key("code"),
        "{callback}"
    );
    let mut without_pkce = Url::parse(&request.url).unwrap();
    let kept: Vec<(String, String)> = without_pkce
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("code_challenge"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    without_pkce.query_pairs_mut().clear().extend_pairs(kept);
    let refused = log_in_at_provider(without_pkce.as_str(), "alice", "alice-password").await;
    assert!(refused.contains("error=invalid_request"), "{refused}");
}
