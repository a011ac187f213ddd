"""What botocore's own client reads from a live server, for the moto tests.

Usage: botocore_calls.py SERVICE ENDPOINT REGION. Reads a JSON list of calls on stdin, each
{operation, input} (one call) or {operation, input, pageSize} (every page of the operation's
paginator, PaginationConfig PageSize). Calls them in order with botocore's client of SERVICE
at ENDPOINT (fixed credentials: the server checks no signature). Writes {"botocore": version,
"results": [...]}: a call's parsed dict, or a list of pages, made JSON as botocore_answers.py
does (a datetime as {"$date_us": microseconds since the epoch}); a call the server refuses as
{"error": {"code", "message", "status", "members"}} (members: the error shape's others).
"""
import json
import sys

import botocore
import botocore.exceptions
import botocore.session
from botocore import xform_name

from botocore_answers import to_json


def main():
    service, endpoint, region = sys.argv[1:4]
    client = botocore.session.get_session().create_client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    )
    out = []
    for call in json.load(sys.stdin):
        name = xform_name(call["operation"])
        try:
            if "pageSize" in call:
                pages = client.get_paginator(name).paginate(**call["input"], PaginationConfig={"PageSize": call["pageSize"]})
                out.append(to_json(list(pages)))
            else:
                out.append(to_json(getattr(client, name)(**call["input"])))
        except botocore.exceptions.ClientError as e:
            out.append({"error": {
                "code": e.response["Error"]["Code"],
                "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                # The error shape's members besides its message, as botocore's parser gives them.
                "members": to_json({k: v for k, v in e.response.items() if k not in ("Error", "ResponseMetadata", "message", "Message")}),
            }})
    json.dump({"botocore": botocore.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
