"""A Python client of covid-analysis from stubs generated out of protos/ (Debian's python3-grpc-tools),
as a Python user would write one: submit a spec, follow its progress to the end, save the chart.

    /usr/bin/python3 -m grpc_tools.protoc -I protos --python_out=STUBS --grpc_python_out=STUBS \
        protos/covid/v1/*.proto protos/google/api/*.proto
    PYTHONPATH=STUBS /usr/bin/python3 python-client.py HOST:PORT SPEC.json OUT.png

Prints one JSON line: {"name", "events", "state", "width", "height", "bytes"}.
"""
import json
import os
import sys

import grpc
from google.protobuf import json_format

from covid.v1 import analysis_pb2, analysis_pb2_grpc, spec_pb2

address, spec_file, out_file = sys.argv[1:4]
channel = grpc.insecure_channel(address)
analyses = analysis_pb2_grpc.AnalysisServiceStub(channel)

with open(spec_file, encoding="utf-8") as f:
    spec = json_format.Parse(f.read(), spec_pb2.AnalysisSpec())  # unknown fields are an error here too
analysis = analyses.SubmitAnalysis(
    analysis_pb2.SubmitAnalysisRequest(spec=spec, request_id=f"python-{os.getpid()}"), timeout=60)

events, state = 0, ""
for event in analyses.StreamProgress(analysis_pb2.StreamProgressRequest(name=analysis.name), timeout=60):
    events += 1
    state = analysis_pb2.Analysis.State.Name(event.state)
    stage = analysis_pb2.ProgressEvent.Stage.Name(event.stage).lower()
    print(f"[{stage}] {int(event.fraction * 100)}% {event.message}", file=sys.stderr)

width = height = size = 0
with open(out_file, "wb") as png:
    for chunk in analyses.GetPlot(analysis_pb2.GetPlotRequest(name=analysis.name), timeout=60):
        if size == 0:
            width, height = chunk.width, chunk.height
        png.write(chunk.data)
        size += len(chunk.data)

print(json.dumps({"name": analysis.name, "events": events, "state": state,
                  "width": width, "height": height, "bytes": size}))
