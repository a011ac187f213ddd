"""botocore (the project's .venv) against the local endpoint's world, as a user of both services.

Usage: botocore_world.py ENDPOINT_URL chain
  Lists the caller's memberships from Clean Rooms (ListMemberships), takes the ACTIVE one of
  the collaboration named "Demo collaboration", and makes in it, with Clean Rooms ML, an
  algorithm's association, an ML input channel, a trained model and an inference job, each
  polled (Get…) until ACTIVE. Writes JSON: {membership, memberships, steps: [{operation, arn,
  statuses}]}, `statuses` being each status seen once, in order.
Usage: botocore_world.py ENDPOINT_URL call SERVICE OPERATION  (the input as JSON on stdin)
  One call; writes JSON {status, type, body} (times as ISO 8601 text), as tests/node/tour.mjs's
  `call` answers.
The credentials are the environment's (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY); region us-east-1.
"""
import datetime
import json
import os
import sys
import time

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
ROLE = "arn:aws:iam::123456789012:role/botocore-world"


def client(service):
    session = botocore.session.get_session()
    return session.create_client(
        service, region_name="us-east-1", endpoint_url=ENDPOINT,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(retries={"max_attempts": 1}),
    )


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def poll(read, until="ACTIVE", seconds=30):
    """Each status `read()` answers, once, in order, until `until` (or a failure)."""
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = read()["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == until or status.endswith("FAILED"):
            return seen
        time.sleep(0.02)
    raise SystemExit(f"no {until} within {seconds} s: {seen}")


def chain():
    cleanrooms, ml = client("cleanrooms"), client("cleanroomsml")
    memberships = cleanrooms.list_memberships(status="ACTIVE")["membershipSummaries"]
    membership = next(m["id"] for m in memberships if m["collaborationName"] == "Demo collaboration")
    algorithm = ml.list_configured_model_algorithms()["configuredModelAlgorithms"][0]["configuredModelAlgorithmArn"]
    steps = []
    association = ml.create_configured_model_algorithm_association(
        membershipIdentifier=membership, configuredModelAlgorithmArn=algorithm, name="botocore-chain",
    )["configuredModelAlgorithmAssociationArn"]
    steps.append({"operation": "CreateConfiguredModelAlgorithmAssociation", "arn": association, "statuses": []})
    channel = ml.create_ml_input_channel(
        membershipIdentifier=membership, name="botocore-chain", configuredModelAlgorithmAssociations=[association], retentionInDays=1,
        inputChannel={"dataSource": {"protectedQueryInputParameters": {"sqlParameters": {"queryString": "SELECT 1"}}}, "roleArn": ROLE},
    )["mlInputChannelArn"]
    steps.append({"operation": "CreateMLInputChannel", "arn": channel,
                  "statuses": poll(lambda: ml.get_ml_input_channel(membershipIdentifier=membership, mlInputChannelArn=channel))})
    model = ml.create_trained_model(
        membershipIdentifier=membership, name="botocore-chain", configuredModelAlgorithmAssociationArn=association,
        resourceConfig={"instanceType": "ml.m5.xlarge", "volumeSizeInGB": 10}, dataChannels=[{"mlInputChannelArn": channel, "channelName": "train"}],
    )["trainedModelArn"]
    steps.append({"operation": "CreateTrainedModel", "arn": model,
                  "statuses": poll(lambda: ml.get_trained_model(membershipIdentifier=membership, trainedModelArn=model))})
    job = ml.start_trained_model_inference_job(
        membershipIdentifier=membership, name="botocore-chain", trainedModelArn=model, resourceConfig={"instanceType": "ml.m5.xlarge"},
        outputConfiguration={"members": [{"accountId": "123456789012"}]}, dataSource={"mlInputChannelArn": channel},
    )["trainedModelInferenceJobArn"]
    steps.append({"operation": "StartTrainedModelInferenceJob", "arn": job,
                  "statuses": poll(lambda: ml.get_trained_model_inference_job(membershipIdentifier=membership, trainedModelInferenceJobArn=job))})
    return {"membership": membership, "memberships": plain(memberships), "steps": steps}


def call(service, operation):
    from botocore import xform_name
    try:
        body = getattr(client(service), xform_name(operation))(**json.load(sys.stdin))
        return {"status": 200, "body": plain(body)}
    except ClientError as error:
        return {"status": error.response["ResponseMetadata"]["HTTPStatusCode"], "type": error.response["Error"]["Code"]}


if __name__ == "__main__":
    json.dump(chain() if sys.argv[2] == "chain" else call(sys.argv[3], sys.argv[4]), sys.stdout)
