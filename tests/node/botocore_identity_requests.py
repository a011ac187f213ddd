"""botocore as the oracle for the credential providers' wire (tests/node/credential-providers.test.mjs).

Reads JSON on stdin: {"requests": [{"service", "operation", "region", "endpoint"?, "params"}],
"endpoints": [{"service", "region"}], "rules": true}. Writes JSON: for each request, what
botocore would send unsigned (method, url, content-type, x-amz-target, body); for each
endpoint, the URL botocore resolves; with "rules", the inputs' constraints and the error codes of
AssumeRoleWithWebIdentity as the models state them. Nothing is sent: the request is captured before it leaves.
"""
import json
import sys

import botocore.session
from botocore import UNSIGNED
from botocore.config import Config


class Captured(Exception):
    pass


def client(session, service, region, endpoint=None):
    return session.create_client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        config=Config(signature_version=UNSIGNED, retries={"max_attempts": 0}),
    )


def capture(session, case):
    c = client(session, case["service"], case["region"], case.get("endpoint"))
    seen = {}

    def before_send(request, **_):
        body = request.body
        seen.update(
            method=request.method,
            url=request.url,
            contentType=request.headers.get("Content-Type", b"").decode() if isinstance(request.headers.get("Content-Type"), bytes) else request.headers.get("Content-Type"),
            target=(lambda t: t.decode() if isinstance(t, bytes) else t)(request.headers.get("X-Amz-Target")),
            authorization=request.headers.get("Authorization") is not None,
            body=body.decode() if isinstance(body, bytes) else body,
        )
        raise Captured()

    c.meta.events.register("before-send", before_send)
    try:
        getattr(c, botocore.xform_name(case["operation"]))(**case["params"])
    except Captured:
        pass
    return seen


def rules(session):
    loader = session.get_component("data_loader")
    cognito = loader.load_service_model("cognito-identity", "service-2")["shapes"]
    sts_model = loader.load_service_model("sts", "service-2")
    sts = sts_model["shapes"]
    sts_operation = sts_model["operations"]["AssumeRoleWithWebIdentity"]
    keep = ("type", "min", "max", "pattern")
    pick = lambda shapes, names: {n: {k: shapes[n][k] for k in keep if k in shapes[n]} for n in names}
    return {
        "cognito": pick(cognito, ["IdentityPoolId", "IdentityId", "IdentityProviderName", "IdentityProviderToken", "ARNString", "LoginsMap"]),
        "sts": pick(sts, ["arnType", "roleSessionNameType", "clientTokenType", "urlType", "sessionPolicyDocumentType", "roleDurationSecondsType"]),
        "stsErrors": {sts[e["shape"]]["error"]["code"]: e["shape"] for e in sts_operation["errors"]},
    }


def main():
    spec = json.load(sys.stdin)
    session = botocore.session.get_session()
    out = {
        "requests": [capture(session, case) for case in spec.get("requests", [])],
        "endpoints": [client(session, e["service"], e["region"]).meta.endpoint_url for e in spec.get("endpoints", [])],
    }
    if spec.get("rules"):
        out["rules"] = rules(session)
    json.dump(out, sys.stdout)


main()
