"""What botocore does with the same inputs, for the parity tests (nothing is sent).

Reads a JSON list of cases on stdin: {operation, input, region, credentials, signingDateMs,
request} (operation: the model's name; CreateConfiguredModelAlgorithmAssociation when absent).
Writes a JSON list: {method, url, body} as botocore's own cleanroomsml client builds them, and
{authorization} as botocore's SigV4Auth signs `request` (our request) at the same time.
"""
import datetime
import json
import sys

import botocore.auth
import botocore.session
from botocore import xform_name
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.credentials import Credentials


class _Body:
    def __init__(self, data):
        self._data = data

    def stream(self, **kwargs):
        yield self._data


def client_request(session, case):
    creds = case["credentials"]
    client = session.create_client(
        "cleanroomsml",
        region_name=case["region"],
        aws_access_key_id=creds["accessKeyId"],
        aws_secret_access_key=creds["secretAccessKey"],
        aws_session_token=creds.get("sessionToken"),
    )
    captured = {}

    def before_send(request, **kwargs):
        captured["method"] = request.method
        captured["url"] = request.url
        body = request.body
        captured["body"] = (body.decode() if isinstance(body, bytes) else body) or ""
        # botocore does not check outputs: an empty object answers every operation.
        return AWSResponse(request.url, 200, {}, _Body(b"{}"))

    client.meta.events.register("before-send.cleanroomsml", before_send)
    operation = case.get("operation", "CreateConfiguredModelAlgorithmAssociation")
    getattr(client, xform_name(operation))(**case["input"])
    return captured


def authorization(case):
    req = case["request"]
    creds = case["credentials"]
    signed_at = datetime.datetime.fromtimestamp(case["signingDateMs"] / 1000, datetime.timezone.utc)
    botocore.auth.get_current_datetime = lambda *a, **k: signed_at.replace(tzinfo=None)
    headers = {k: v for k, v in req["headers"].items() if k not in ("authorization", "x-amz-date", "x-amz-security-token")}
    request = AWSRequest(method=req["method"], url=req["url"], headers=headers, data=req["body"].encode())
    auth = botocore.auth.SigV4Auth(
        Credentials(creds["accessKeyId"], creds["secretAccessKey"], creds.get("sessionToken")),
        "cleanrooms-ml",
        case["region"],
    )
    auth.add_auth(request)
    return request.headers["Authorization"]


def main():
    session = botocore.session.get_session()
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        result = client_request(session, case)
        result["authorization"] = authorization(case)
        out.append(result)
    json.dump({"botocore": botocore.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
