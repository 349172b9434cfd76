#!/usr/bin/env bash
# Checks everything under monitoring/: the rules (syntax and unit tests), the example Prometheus
# config (syntax only) and the Grafana dashboard (valid JSON, only the portal's own metric names).
# Runs from any working directory; exits non-zero on the first failure. Called by CI.
#
# Needs promtool and python3. When promtool is missing and this runs as root on a Debian-like
# machine (as CI does), it installs the Debian package `prometheus`, which ships promtool.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if ! command -v promtool >/dev/null 2>&1; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== promtool not found: installing the Debian package prometheus"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    echo "error: promtool not found; install it (Debian/Ubuntu: apt-get install prometheus)" >&2
    exit 1
  fi
fi
promtool --version 2>&1 | head -n 1

echo "== promtool check rules rules/portal.rules.yml"
promtool check rules rules/portal.rules.yml

# Every unit-test file: portal.rules.test.yml (sign-in, sessions, HTTP, actors) and
# handoff.rules.test.yml (vanity-domain handoff, DNS), mail.rules.test.yml (outbox, Mailer),
# sessions.rules.test.yml (revocation listener). A new tests/*.test.yml is picked up here.
for tests in tests/*.test.yml; do
  echo "== promtool test rules $tests"
  promtool test rules "$tests"
done

# --syntax-only: the example points at /etc/portal/admin.token, which need not exist here.
echo "== promtool check config --syntax-only prometheus.yml"
promtool check config --syntax-only prometheus.yml

echo "== python3 -m json.tool grafana/portal-dashboard.json"
python3 -m json.tool grafana/portal-dashboard.json >/dev/null

echo "== dashboard queries use only the portal's metric names"
python3 - grafana/portal-dashboard.json <<'PY'
import json, re, sys

exported = {
    "portal_login_attempts_total", "portal_login_duration_seconds", "portal_sessions_active",
    "portal_sessions_revoked_total", "portal_actor_restarts_total", "portal_http_requests_total",
    "portal_http_request_duration_seconds", "portal_build_info", "portal_audit_events_written_total",
    "portal_handoff_tokens_issued_total", "portal_handoff_exchanges_total",
    "portal_handoff_tokens_swept_total", "portal_dns_verifications_total",
    "portal_dns_cache_requests_total", "portal_emails_total", "portal_outbox_pending",
    "portal_outbox_oldest_pending_seconds", "portal_tickets_created_total",
    "portal_ticket_comments_total", "portal_ticket_attachments_uploaded_total",
    "portal_project_documents_uploaded_total", "portal_invoice_pdfs_total",
    "portal_tenant_data_actors", "portal_http_panics_total",
    "portal_session_invalidation_listener_up", "portal_active_users", "portal_active_tenants",
    "portal_actor_mailbox_depth", "portal_integration_requests_total",
}
histograms = {"portal_login_duration_seconds", "portal_http_request_duration_seconds"}
allowed = (exported - histograms) | {h + "_bucket" for h in histograms}

dash = json.load(open(sys.argv[1]))
exprs = []
def walk(panels):
    for panel in panels:
        exprs.extend(t["expr"] for t in panel.get("targets", []) if "expr" in t)
        walk(panel.get("panels", []))
walk(dash.get("panels", []))
exprs.extend(v.get("definition", "") for v in dash.get("templating", {}).get("list", []))

bad = sorted({name for e in exprs for name in re.findall(r"\bportal_\w+", e)} - allowed)
if bad:
    sys.exit(f"unknown metric names in the dashboard: {', '.join(bad)}")
if not exprs:
    sys.exit("the dashboard has no queries")
print(f"  SUCCESS: {len(exprs)} queries, schemaVersion {dash.get('schemaVersion')}")
PY

echo "== all monitoring checks passed"
