"""A tiny Lambda custom runtime written against the Runtime API with urllib only.

Handler behaviour, chosen by the request path (or the event itself for non-HTTP events):
  /raise  -> reports an invocation error (POST /invocation/{id}/error)
  /leak   -> returns a body containing a credit-card number and a private key header
  /big    -> returns a 7 MB body (over the documented 6 MB limit)
  /hang   -> sleeps past the invocation deadline
  /large  -> 200 with the size of the (large) request body it received
  other   -> 200 "hello <path>"; non-HTTP events are echoed back.
Every path the handler sees is appended to $SEEN_LOG, so tests can prove that blocked
events never reached the function. FAIL_INIT=1 reports an init error and exits.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "http://%s/2018-06-01/runtime" % API
SEEN = os.environ.get("SEEN_LOG")


def post(url, payload, headers=None):
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    req = urllib.request.Request(url, data=data, method="POST")
    req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def seen(what):
    if SEEN:
        with open(SEEN, "a") as f:
            f.write(what + "\n")


if os.environ.get("FAIL_INIT"):
    post(BASE + "/init/error",
         {"errorMessage": "cannot import handler", "errorType": "Runtime.ImportModuleError", "stackTrace": []},
         {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
    sys.exit(1)

while True:
    try:
        with urllib.request.urlopen(BASE + "/invocation/next") as r:
            rid = r.headers["Lambda-Runtime-Aws-Request-Id"]
            deadline = r.headers["Lambda-Runtime-Deadline-Ms"]
            event = json.loads(r.read())
    except (urllib.error.URLError, ConnectionError, OSError):
        # The sandbox is going away (SHUTDOWN): Lambda would kill us anyway.
        sys.exit(0)
    assert rid and deadline
    ctx = event.get("requestContext") if isinstance(event, dict) else None
    if ctx is None:
        seen("non-http")
        status = post("%s/invocation/%s/response" % (BASE, rid), {"echo": event})
        seen("status %d" % status)
        continue
    path = event.get("rawPath") or event.get("path") or "/"
    seen(path)
    if path == "/hang":
        # A function that outlives its deadline (Lambda would time the invocation out).
        time.sleep(30)
    if path == "/raise":
        status = post("%s/invocation/%s/error" % (BASE, rid),
                      {"errorMessage": "boom", "errorType": "ValueError", "stackTrace": ["handler.py:1"]},
                      {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
    elif path == "/leak":
        body = "card 4111 1111 1111 1111\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n"
        status = post("%s/invocation/%s/response" % (BASE, rid),
                      {"statusCode": 200, "headers": {"content-type": "text/plain"}, "body": body})
    elif path == "/large":
        size = len(event.get("body") or "")
        status = post("%s/invocation/%s/response" % (BASE, rid),
                      {"statusCode": 200, "body": "received %d" % size})
    elif path == "/big":
        body = "x" * (7 * 1024 * 1024)
        status = post("%s/invocation/%s/response" % (BASE, rid),
                      {"statusCode": 200, "body": body})
    else:
        status = post("%s/invocation/%s/response" % (BASE, rid),
                      {"statusCode": 200, "headers": {"content-type": "text/plain"}, "body": "hello " + path})
    seen("status %d" % status)
