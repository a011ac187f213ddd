"""How botocore reads answers, for the answer parity test (nothing is sent).

Usage: botocore_answers.py [SERVICE] (botocore's service name: cleanroomsml, the default, or
cleanrooms). Reads a JSON list of answers on stdin: {operation, status, headers, body} (body: the
answer's text; headers: lower-case names). Parses each with botocore's own restJson1
parser (botocore.parsers.create_parser('rest-json'), as a botocore client does) against
the operation's output shape from botocore's model of the service (no output shape: None).
Writes {"botocore": version, "results": [...]}, each result the parsed dict made JSON:
a datetime as {"$date_us": microseconds since the epoch, UTC}; an unknown union member
stays as botocore gives it, {"SDK_UNKNOWN_MEMBER": {"name": ...}}; {"error": "..."} if
the parser raised.
"""
import datetime
import json
import sys

import botocore
import botocore.parsers
import botocore.session

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MICROSECOND = datetime.timedelta(microseconds=1)


def to_json(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return {"$date_us": (value - EPOCH) // MICROSECOND}
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, bytes):
        return {"$bytes": value.decode("latin-1")}
    return value


def main():
    service = sys.argv[1] if len(sys.argv) > 1 else "cleanroomsml"
    model = botocore.session.get_session().get_service_model(service)
    parser = botocore.parsers.create_parser("rest-json")
    out = []
    for answer in json.load(sys.stdin):
        shape = model.operation_model(answer["operation"]).output_shape
        response = {
            "status_code": answer["status"],
            "headers": answer["headers"],
            "body": answer["body"].encode("utf-8"),
        }
        try:
            out.append(to_json(parser.parse(response, shape)))
        except Exception as e:  # reported to the test, which fails on it
            out.append({"error": f"{type(e).__name__}: {e}"})
    json.dump({"botocore": botocore.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
