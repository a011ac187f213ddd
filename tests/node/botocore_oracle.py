"""What botocore does with the same inputs, for the parity tests (nothing is sent).

Reads a JSON list of cases on stdin: {input, region, credentials, signingDateMs, request}.
Writes a JSON list: {url, body} as botocore's own cleanroomsml client builds them, and
{authorization} as botocore's SigV4Auth signs `request` (our request) at the same time.
"""
import datetime
import json
import sys

import botocore.auth
import botocore.session
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
        captured["url"] = request.url
        body = request.body
        captured["body"] = body.decode() if isinstance(body, bytes) else body
        answer = b'{"configuredModelAlgorithmAssociationArn":"arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/x"}'
        return AWSResponse(request.url, 200, {}, _Body(answer))

    client.meta.events.register("before-send.cleanroomsml", before_send)
    client.create_configured_model_algorithm_association(**case["input"])
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
