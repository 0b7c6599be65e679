"""Cookie oracle for the session parity tests: real Flask makes and reads session cookies.

stdin: a JSON list of operations; stdout: a JSON list of results, one per operation.
  {"op": "dump", "secret": str, "data": {...}, "special": bool, "now": int, "permanent": bool}
      -> {"set_cookie": str, "value": str}   (the cookie Flask's view response set)
  {"op": "load", "secret": str, "cookie": str, "fallbacks": [str], "now": int}
      -> {"session": {...}}                  (what Flask's view saw, special types marked)
"""

import datetime
import hashlib
import json
import sys
import uuid

import flask
import itsdangerous.timed
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer
from markupsafe import Markup

NOW = [None]
_real_timestamp = itsdangerous.timed.TimestampSigner.get_timestamp


def _timestamp(self):
    return NOW[0] if NOW[0] is not None else _real_timestamp(self)


itsdangerous.timed.TimestampSigner.get_timestamp = _timestamp


class FallbackInterface(SecureCookieSessionInterface):
    """What Flask 3.1 does with SECRET_KEY_FALLBACKS, for older Flask (Debian ships 2.2)."""

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        keys = list(app.config.get("SECRET_KEY_FALLBACKS") or []) + [app.secret_key]
        return URLSafeTimedSerializer(
            keys,
            salt=self.salt,
            serializer=self.serializer,
            signer_kwargs={"key_derivation": self.key_derivation, "digest_method": hashlib.sha1},
        )


def mark(value):
    if isinstance(value, tuple):
        return {"__tuple__": [mark(v) for v in value]}
    if isinstance(value, bytes):
        return {"__bytes__": value.hex()}
    if isinstance(value, Markup):
        return {"__markup__": str(value)}
    if isinstance(value, uuid.UUID):
        return {"__uuid__": str(value)}
    if isinstance(value, datetime.datetime):
        return {"__datetime__": int(value.timestamp())}
    if isinstance(value, dict):
        return {k: mark(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mark(v) for v in value]
    return value


SPECIAL = {
    "t": (1, 2, "three"),
    "b": b"\xff\x00bytes",
    "m": Markup("<em>safe</em>"),
    "u": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "d": datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
    "t_tag": {" t": "not-a-tuple"},
}


def make_app(op):
    app = flask.Flask(__name__)
    app.secret_key = op["secret"]
    app.config["SECRET_KEY_FALLBACKS"] = op.get("fallbacks") or []
    app.session_interface = FallbackInterface()
    result = {}

    @app.route("/dump")
    def dump():
        flask.session.update(op.get("data") or {})
        if op.get("special"):
            flask.session.update(SPECIAL)
        if op.get("permanent"):
            flask.session.permanent = True
        return ""

    @app.route("/load")
    def load():
        result["session"] = mark(dict(flask.session))
        return ""

    return app, result


def run(op):
    NOW[0] = op.get("now")
    app, result = make_app(op)
    client = app.test_client(use_cookies=False)
    if op["op"] == "dump":
        rv = client.get("/dump")
        header = rv.headers.get("Set-Cookie", "")
        value = header.split(";", 1)[0].split("=", 1)[1]
        return {"set_cookie": header, "value": value}
    headers = {"Cookie": f"session={op['cookie']}"}
    client.get("/load", headers=headers)
    return result


print(json.dumps([run(op) for op in json.load(sys.stdin)]))
