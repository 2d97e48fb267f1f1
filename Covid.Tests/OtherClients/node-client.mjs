// A Node client of covid-analysis built from protos/ at run time with @grpc/proto-loader, as a
// JavaScript user would write one: submit a spec, follow its progress to the end, save the chart.
//   node node-client.mjs HOST:PORT SPEC.json OUT.png
// Prints one JSON line: {"name", "events", "state", "width", "height", "bytes"}.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";

const [address, specFile, outFile] = process.argv.slice(2);
const protos = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../protos");
const definition = protoLoader.loadSync(["covid/v1/analysis.proto"], {
  includeDirs: [protos], longs: Number, enums: String, defaults: true, oneofs: true,
});
const covid = grpc.loadPackageDefinition(definition).covid.v1;
const analyses = new covid.AnalysisService(address, grpc.credentials.createInsecure());
const deadline = () => new Date(Date.now() + 60_000);

const spec = JSON.parse(readFileSync(specFile, "utf8"));
const analysis = await new Promise((resolve, reject) =>
  analyses.SubmitAnalysis({ spec, requestId: `node-${process.pid}` }, { deadline: deadline() },
    (error, reply) => (error ? reject(error) : resolve(reply))));

let events = 0;
let state = "";
await new Promise((resolve, reject) => {
  const stream = analyses.StreamProgress({ name: analysis.name }, { deadline: deadline() });
  stream.on("data", (event) => {
    events++;
    state = event.state;
    process.stderr.write(`[${event.stage.toLowerCase()}] ${Math.floor(event.fraction * 100)}% ${event.message}\n`);
  });
  stream.on("end", resolve);
  stream.on("error", reject);
});

const chunks = [];
let width = 0;
let height = 0;
await new Promise((resolve, reject) => {
  const stream = analyses.GetPlot({ name: analysis.name }, { deadline: deadline() });
  stream.on("data", (chunk) => {
    if (chunks.length === 0) ({ width, height } = chunk);
    chunks.push(chunk.data);
  });
  stream.on("end", resolve);
  stream.on("error", reject);
});
const png = Buffer.concat(chunks);
writeFileSync(outFile, png);
console.log(JSON.stringify({ name: analysis.name, events, state, width, height, bytes: png.length }));
