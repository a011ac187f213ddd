"""botocore's own Cognito Identity and STS clients against the local endpoint.

Reads {endpoint, pool, provider, token, roleArn} as JSON on stdin, makes unsigned calls with
botocore clients (endpoint_url = the local endpoint, signature_version UNSIGNED, no retries)
and writes what botocore made of each answer as JSON: for a success the parsed members the
test needs (credentials as botocore reads them, the expiration as epoch seconds); for an
error botocore's Error.Code, Error.Message and HTTP status. Nothing leaves 127.0.0.1.
"""
import json
import sys

import botocore
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError


def call(fn, **kwargs):
    try:
        return {"ok": fn(**kwargs)}
    except ClientError as e:
        return {"error": {"code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message"),
                          "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}}


def creds(value):
    return {k: (v.timestamp() if hasattr(v, "timestamp") else v) for k, v in value.items()}


def main():
    spec = json.load(sys.stdin)
    session = botocore.session.get_session()
    config = Config(signature_version=UNSIGNED, retries={"max_attempts": 1})
    cognito = session.create_client("cognito-identity", region_name="us-east-1", endpoint_url=spec["endpoint"], config=config)
    sts = session.create_client("sts", region_name="us-east-1", endpoint_url=spec["endpoint"], config=config)
    out = {"botocore": botocore.__version__}

    got = call(cognito.get_id, IdentityPoolId=spec["pool"])
    out["getIdUnauth"] = got.get("ok", {}).get("IdentityId") or got
    if "ok" in got:
        c = call(cognito.get_credentials_for_identity, IdentityId=got["ok"]["IdentityId"])
        out["credentialsUnauth"] = {"IdentityId": c["ok"]["IdentityId"], "Credentials": creds(c["ok"]["Credentials"])} if "ok" in c else c
    logins = {spec["provider"]: spec["token"]}
    got = call(cognito.get_id, IdentityPoolId=spec["pool"], Logins=logins)
    out["getIdAuth"] = got.get("ok", {}).get("IdentityId") or got
    if "ok" in got:
        c = call(cognito.get_credentials_for_identity, IdentityId=got["ok"]["IdentityId"], Logins=logins)
        out["credentialsAuth"] = {"IdentityId": c["ok"]["IdentityId"], "Credentials": creds(c["ok"]["Credentials"])} if "ok" in c else c
    out["wrongToken"] = call(cognito.get_id, IdentityPoolId=spec["pool"], Logins={spec["provider"]: "not-the-token"})
    out["unknownPool"] = call(cognito.get_id, IdentityPoolId="us-east-1:00000000-0000-4000-8000-000000000000")
    # botocore checks lengths and patterns itself only with parameter validation on; it is on by
    # default but does not check patterns, so this reaches the endpoint.
    out["invalidPool"] = call(cognito.get_id, IdentityPoolId="not_a_pool")

    a = call(sts.assume_role_with_web_identity, RoleArn=spec["roleArn"], RoleSessionName="botocore-oracle", WebIdentityToken=spec["token"])
    if "ok" in a:
        r = a["ok"]
        out["assume"] = {"Credentials": creds(r["Credentials"]), "AssumedRoleUser": r["AssumedRoleUser"],
                         "SubjectFromWebIdentityToken": r.get("SubjectFromWebIdentityToken"), "Provider": r.get("Provider"),
                         "Audience": r.get("Audience"), "RequestId": r["ResponseMetadata"]["RequestId"]}
    else:
        out["assume"] = a
    out["assumeWrongToken"] = call(sts.assume_role_with_web_identity, RoleArn=spec["roleArn"], RoleSessionName="botocore-oracle", WebIdentityToken="not-the-token")
    out["assumeBadName"] = call(sts.assume_role_with_web_identity, RoleArn=spec["roleArn"], RoleSessionName="bad name!", WebIdentityToken=spec["token"])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
