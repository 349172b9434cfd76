// A real OpenID Connect provider (panva's oidc-provider) for the portal's integration tests.
//
//   node tests/oidc/provider.mjs <config.json>
//
// One process is one issuer: http://127.0.0.1:<port><issuer_path>. Config:
//   { "port": 0, "issuer_path": "" | "/realms/acme",
//     "clients":  [{ "client_id", "client_secret", "redirect_uris": [...] }],
//     "accounts": [{ "login", "password", "claims": { "sub", "email", ... }, "amr": ["pwd"] }],
//     "exit_with_stdin": true }           // optional: exit when stdin closes (the parent died)
// Prints exactly one line `READY <port>` on stdout once it listens; everything else goes to stderr.
//
// Besides the OIDC routes (under the issuer path) it serves its own login page at
// <issuer_path>/interaction/:uid and test controls under /__control/ (see `control` below).

import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';

import { CompactSign, decodeProtectedHeader } from 'jose';

// oidc-provider announces its development defaults (in-memory adapter, default helpers) on the
// console; they are expected here, so keep stderr for what matters.
for (const level of ['info', 'warn']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider ')) return;
    original(...args);
  };
}
// Only the READY line may go to stdout.
console.log = console.error.bind(console);

const { default: Provider } = await import('oidc-provider');

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node provider.mjs <config.json>');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const issuerPath = (config.issuer_path || '').replace(/\/+$/, '');
if (issuerPath && !issuerPath.startsWith('/')) {
  console.error('issuer_path must be empty or start with "/"');
  process.exit(2);
}

/** login -> account */
const accounts = new Map();
for (const account of config.accounts || []) accounts.set(account.login, account);

const clients = (config.clients || []).map((c) => ({
  client_id: c.client_id,
  client_secret: c.client_secret,
  redirect_uris: c.redirect_uris,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  // client_secret_post is accepted too: oidc-provider lets a client registered for either of the
  // two secret methods authenticate with the other.
  token_endpoint_auth_method: 'client_secret_basic',
}));

const STANDARD_CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: [
    'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username',
    'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at',
  ],
};
const STANDARD_NAMES = new Set(Object.values(STANDARD_CLAIMS).flat());
const RESERVED = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'nonce', 'acr', 'amr',
  'auth_time', 'sid', 'azp', 'at_hash', 'c_hash']);

/** Claims outside the standard scopes (like Google's `hd`): always released with `openid`. */
function extraClaimNames() {
  const names = new Set();
  for (const account of accounts.values()) {
    for (const name of Object.keys(account.claims || {})) {
      if (!STANDARD_NAMES.has(name) && !RESERVED.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

function newSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: crypto.randomBytes(9).toString('base64url'), alg: 'RS256', use: 'sig' };
}

const cookieKeys = [crypto.randomBytes(32).toString('base64url')];
let signingKey = newSigningKey();
let extras = extraClaimNames();
/** Claim overrides for the ID token of the next token-endpoint response, or null. */
let tamper = null;
let issuer;
let provider;
let handler;

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

function findAccountBySub(sub) {
  for (const account of accounts.values()) {
    if (account.claims?.sub === sub) return account;
  }
  return undefined;
}

function buildProvider() {
  const p = new Provider(issuer, {
    clients,
    jwks: { keys: [signingKey] },
    cookies: {
      keys: cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    scopes: ['openid', 'email', 'profile'],
    // amr and auth_time are claims of the openid scope here, so every ID token carries them
    // (oidc-provider releases only claims that some scope or request asks for).
    claims: { ...STANDARD_CLAIMS, openid: ['sub', 'amr', 'auth_time', ...extras] },
    responseTypes: ['code'],
    // The claims of the requested scopes go into the ID token itself, not only to userinfo.
    conformIdTokenClaims: false,
    pkce: { methods: ['S256'], required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: {
      url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}`,
    },
    // Consent is implied: the grant covers whatever the client asks for.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (!grant) {
        grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
      }
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      const claims = [...ctx.oidc.requestParamClaims];
      if (claims.length) grant.addOIDCClaims(claims);
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, sub) {
      const account = findAccountBySub(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { ...account.claims, sub };
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head>`
        + `<body><h1>Error</h1>${Object.entries(out)
          .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`)
          .join('')}</body></html>`;
    },
  });

  // Quiet logs: one line for unexpected errors, nothing for the expected ones.
  p.on('server_error', (_ctx, err) => console.error(`oidc server_error: ${err?.message}`));
  p.on('error', (err) => {
    if (err?.expose || (err?.status && err.status < 500)) return;
    console.error(`oidc error: ${err?.message}`);
  });

  // Tampering with the next ID token (see POST /__control/tamper).
  p.use(async (ctx, next) => {
    await next();
    if (tamper && ctx.method === 'POST' && ctx.path === '/token' && ctx.status === 200
      && ctx.body && typeof ctx.body === 'object' && ctx.body.id_token) {
      const overrides = tamper;
      tamper = null;
      ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token, overrides) };
    }
  });
  return p;
}

/** The ID token with its payload merged with `overrides` (null deletes), re-signed. */
async function resign(idToken, overrides) {
  const header = decodeProtectedHeader(idToken);
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8'));
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete payload[name];
    else payload[name] = value;
  }
  const key = crypto.createPrivateKey({ key: signingKey, format: 'jwk' });
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ ...header, alg: 'RS256', kid: signingKey.kid })
    .sign(key);
}

function rebuild() {
  provider = buildProvider();
  handler = provider.callback();
}

async function readBody(req, limit = 1 << 20) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, body, type = 'application/json') {
  const text = type === 'application/json' ? JSON.stringify(body) : body;
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function readJson(req) {
  const text = await readBody(req);
  const value = text ? JSON.parse(text) : {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw Object.assign(new Error('expected a JSON object'), { status: 400 });
  }
  return value;
}

async function control(req, res, path) {
  if (req.method === 'GET' && path === '/__control/health') {
    return send(res, 200, { ok: true, issuer, kid: signingKey.kid });
  }
  if (req.method === 'POST' && path === '/__control/rotate-keys') {
    signingKey = newSigningKey();
    tamper = null;
    rebuild();
    return send(res, 200, { kid: signingKey.kid });
  }
  if (req.method === 'POST' && path === '/__control/tamper') {
    tamper = await readJson(req);
    return send(res, 200, { ok: true });
  }
  if (req.method === 'POST' && path === '/__control/accounts') {
    const account = await readJson(req);
    if (typeof account.login !== 'string' || typeof account.claims?.sub !== 'string') {
      return send(res, 400, { error: 'an account needs a login and claims.sub' });
    }
    accounts.set(account.login, account);
    const names = extraClaimNames();
    if (names.join(' ') !== extras.join(' ')) {
      // The claims a provider releases are fixed at construction.
      extras = names;
      rebuild();
    }
    return send(res, 200, { ok: true });
  }
  return send(res, 404, { error: 'no such control' });
}

function loginPage(uid, params, error, login = '') {
  const base = `${issuerPath}/interaction/${encodeURIComponent(uid)}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<h1>Sign in</h1>
<p>to continue to ${escapeHtml(params.client_id || 'the application')}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="login-form" method="post" action="${base}/login" autocomplete="off">
  <label>Login <input name="login" value="${escapeHtml(login)}" autofocus></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit" id="sign-in">Sign in</button>
</form>
<form id="cancel-form" method="post" action="${base}/abort">
  <button type="submit" id="cancel">Cancel</button>
</form>
</body></html>
`;
}

async function interaction(req, res, rest) {
  // rest: "/<uid>", "/<uid>/login" or "/<uid>/abort"
  const match = /^\/([^/]+)(\/login|\/abort)?$/.exec(rest);
  if (!match) return send(res, 404, 'not found', 'text/plain');
  const [, uid, action] = match;
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    return send(res, 400, `interaction expired or not found (${err?.message})`, 'text/plain');
  }
  if (details.uid !== uid) return send(res, 400, 'interaction mismatch', 'text/plain');
  const { prompt, params } = details;

  if (req.method === 'GET' && !action) {
    if (prompt.name === 'login') {
      return send(res, 200, loginPage(uid, params), 'text/html');
    }
    // Consent is normally settled by loadExistingGrant; grant whatever is still missing.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes || {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, {
      mergeWithLastSubmission: true,
    });
  }

  if (req.method === 'POST' && action === '/login') {
    const form = new URLSearchParams(await readBody(req));
    const login = form.get('login') || '';
    const account = accounts.get(login);
    if (!account || account.password !== form.get('password')) {
      return send(res, 200, loginPage(uid, params, 'Invalid login or password.', login), 'text/html');
    }
    return provider.interactionFinished(req, res, {
      login: { accountId: account.claims.sub, amr: account.amr || ['pwd'] },
    }, { mergeWithLastSubmission: false });
  }

  if (req.method === 'POST' && action === '/abort') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
  }

  return send(res, 405, 'method not allowed', 'text/plain');
}

async function route(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith('/__control/')) return control(req, res, path);

  const interactionPrefix = `${issuerPath}/interaction`;
  if (path.startsWith(`${interactionPrefix}/`)) {
    return interaction(req, res, path.slice(interactionPrefix.length));
  }

  if (!issuerPath) return handler(req, res);
  if (path === issuerPath || path.startsWith(`${issuerPath}/`)) {
    // Mounted like express's app.use(issuerPath, ...): oidc-provider routes the rest of the path
    // and finds its mount point (for the URLs it builds) in req.originalUrl.
    req.originalUrl = req.url;
    req.url = req.url.slice(issuerPath.length) || '/';
    if (req.url.startsWith('?')) req.url = `/${req.url}`;
    return handler(req, res);
  }
  return send(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err) => {
    const status = err?.status && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500) console.error(`request failed: ${err?.message}`);
    if (!res.headersSent) send(res, status, { error: err?.message || 'error' });
    else res.end();
  });
});

server.listen(config.port || 0, '127.0.0.1', () => {
  const { port } = server.address();
  issuer = `http://127.0.0.1:${port}${issuerPath}`;
  rebuild();
  process.stdout.write(`READY ${port}\n`);
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (config.exit_with_stdin) {
  // The parent holds our stdin; when it goes away (even killed), so do we.
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
