"""An S3-compatible server for the portal's tests: moto's S3 in server mode, in front of which
every request must carry a valid SigV4 presigned signature (checked with botocore, AWS's own
signer, since moto does not check presigned URLs) made with the one access key given here.

Usage: server.py ACCESS_KEY_ID SECRET_ACCESS_KEY
Prints `READY <port>` once it listens on 127.0.0.1 (a free port); exits when stdin closes, so it
never outlives the test process that started it.
"""

import datetime
import sys
import threading
from urllib.parse import parse_qsl, quote

from botocore.auth import S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

# Presigned URLs are accepted this far from their date (as AWS allows some clock skew).
MAX_SKEW = datetime.timedelta(minutes=15)


def s3_error(start_response, status, code, message):
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    ).encode()
    start_response(
        status,
        [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))],
    )
    return [body]


class CheckSignatures:
    """WSGI middleware: refuses any request without a good presigned signature."""

    def __init__(self, app, key, secret):
        self.app = app
        self.key = key
        self.secret = secret

    def problem(self, environ):
        raw_query = environ.get("QUERY_STRING", "")
        params = parse_qsl(raw_query, keep_blank_values=True)
        query = dict(params)
        if query.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or "X-Amz-Signature" not in query:
            return ("AccessDenied", "anonymous requests are refused")
        try:
            key, day, region, service, terminal = query["X-Amz-Credential"].split("/")
            date = datetime.datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
            expires = int(query["X-Amz-Expires"])
        except (KeyError, ValueError):
            return ("AuthorizationQueryParametersError", "bad X-Amz parameters")
        if key != self.key:
            return ("InvalidAccessKeyId", "unknown access key")
        if service != "s3" or terminal != "aws4_request" or day != date.strftime("%Y%m%d"):
            return ("AuthorizationQueryParametersError", "bad credential scope")
        now = datetime.datetime.utcnow()
        if not 1 <= expires <= 604800 or now > date + datetime.timedelta(seconds=expires):
            return ("AccessDenied", "Request has expired")
        if date > now + MAX_SKEW:
            return ("AccessDenied", "Request is not valid yet")
        # Re-sign the same request with botocore and compare.
        unsigned = "&".join(
            part for part in raw_query.split("&") if not part.startswith("X-Amz-Signature=")
        )
        host = environ.get("HTTP_HOST", "")
        path = environ.get("RAW_URI") or environ.get("REQUEST_URI") or quote(environ["PATH_INFO"])
        path = path.split("?", 1)[0]
        headers = {}
        for name in query.get("X-Amz-SignedHeaders", "host").split(";"):
            if name == "host":
                headers["host"] = host
            else:
                headers[name] = environ.get("HTTP_" + name.upper().replace("-", "_"), "")
        request = AWSRequest(
            method=environ["REQUEST_METHOD"],
            url=f"http://{host}{path}?{unsigned}",
            headers=headers,
        )
        request.context["timestamp"] = query["X-Amz-Date"]
        signer = S3SigV4QueryAuth(Credentials(self.key, self.secret), "s3", region, expires)
        canonical = signer.canonical_request(request)
        expected = signer.signature(signer.string_to_sign(request, canonical), request)
        if expected != query["X-Amz-Signature"]:
            return ("SignatureDoesNotMatch", "the signature does not match")
        return None

    def __call__(self, environ, start_response):
        problem = self.problem(environ)
        if problem is not None:
            code, message = problem
            sys.stderr.write(f"refused {environ['REQUEST_METHOD']} {environ.get('PATH_INFO')}: {code}: {message}\n")
            return s3_error(start_response, "403 Forbidden", code, message)
        # Signed by the key's owner: moto serves it as that account.
        return self.app(environ, start_response)


def main():
    key, secret = sys.argv[1], sys.argv[2]
    app = CheckSignatures(DomainDispatcherApplication(create_backend_app), key, secret)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_port}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
