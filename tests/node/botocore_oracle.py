"""What botocore does with the same inputs, for the parity tests (nothing is sent).

Usage: botocore_oracle.py [SERVICE] (botocore's service name: cleanroomsml, the default, or
cleanrooms). Reads a JSON list of cases on stdin: {operation, input, region, credentials,
signingDateMs, request} (operation: the model's name; for cleanroomsml,
CreateConfiguredModelAlgorithmAssociation when absent).
A timestamp in `input` is written {"$date": epoch milliseconds} and given to botocore as a
timezone-aware datetime (microseconds = milliseconds × 1000).
Writes a JSON list: {method, url, body, contentType} as botocore's own client of the service
builds them (captured before sending; the botocore client is one per region, with fixed
credentials, since what it signs is not compared), or {error} when the client refuses the
input; and {authorization} as botocore's SigV4Auth signs `request` (our request) at
`signingDateMs` with the case's credentials, for the service's signing name.
"""
import datetime
import json
import sys

import botocore.auth
import botocore.session
from botocore import xform_name
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.credentials import Credentials

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class _Body:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data


def from_wire(value):
    """The case's input as botocore takes it: {"$date": ms} as a datetime."""
    if isinstance(value, dict):
        if len(value) == 1 and "$date" in value and isinstance(value["$date"], (int, float)):
            return EPOCH + datetime.timedelta(milliseconds=value["$date"])
        return {k: from_wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_wire(v) for v in value]
    return value


_clients = {}
_captured = {}


def _before_send(request, **kwargs):
    _captured["method"] = request.method
    _captured["url"] = request.url
    body = request.body
    _captured["body"] = (body.decode() if isinstance(body, bytes) else body) or ""
    _captured["contentType"] = request.headers.get("Content-Type")
    if isinstance(_captured["contentType"], bytes):
        _captured["contentType"] = _captured["contentType"].decode()
    # botocore does not check outputs: an empty object answers every operation.
    return AWSResponse(request.url, 200, {}, _Body(b"{}"))


def client_for(session, service, region):
    if region not in _clients:
        client = session.create_client(
            service,
            region_name=region,
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        )
        client.meta.events.register(f"before-send.{client.meta.service_model.service_id.hyphenize()}", _before_send)
        _clients[region] = client
    return _clients[region]


def client_request(session, service, case):
    client = client_for(session, service, case["region"])
    operation = case.get("operation", "CreateConfiguredModelAlgorithmAssociation")
    _captured.clear()
    try:
        getattr(client, xform_name(operation))(**from_wire(case["input"]))
    except Exception as e:  # reported to the test, which fails on it
        return {"error": f"{type(e).__name__}: {e}"}
    return dict(_captured)


def authorization(signing_name, case):
    req = case["request"]
    creds = case["credentials"]
    signed_at = datetime.datetime.fromtimestamp(case["signingDateMs"] / 1000, datetime.timezone.utc)
    botocore.auth.get_current_datetime = lambda *a, **k: signed_at.replace(tzinfo=None)
    headers = {k: v for k, v in req["headers"].items() if k not in ("authorization", "x-amz-date", "x-amz-security-token")}
    request = AWSRequest(method=req["method"], url=req["url"], headers=headers, data=req["body"].encode())
    auth = botocore.auth.SigV4Auth(
        Credentials(creds["accessKeyId"], creds["secretAccessKey"], creds.get("sessionToken")),
        signing_name,
        case["region"],
    )
    auth.add_auth(request)
    return request.headers["Authorization"]


def main():
    service = sys.argv[1] if len(sys.argv) > 1 else "cleanroomsml"
    session = botocore.session.get_session()
    signing_name = session.get_service_model(service).signing_name
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        result = client_request(session, service, case)
        result["authorization"] = authorization(signing_name, case)
        out.append(result)
    json.dump({"botocore": botocore.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
