// Writes lib/ingest/decode/otlp/descriptor.json from the vendored .proto files (vendor/proto/README.md):
// protobufjs's JSON form of the OTLP logs messages and google.rpc.Status, which the app loads
// with protobufjs/light. Run it after changing a file under vendor/proto/; a unit test compares.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const descriptorFile = path.join(root, "lib/ingest/decode/otlp/descriptor.json");
const protoFiles = [
  "opentelemetry/proto/collector/logs/v1/logs_service.proto",
  "google/rpc/status.proto",
];

/** The descriptor's text, as committed. */
export function otlpDescriptorText() {
  const types = new protobuf.Root();
  // Imports resolve inside vendor/proto/; google/protobuf/*.proto are protobufjs's own.
  types.resolvePath = (_origin, target) =>
    target.startsWith("google/protobuf/") ? target : path.join(root, "vendor/proto", target);
  types.loadSync(protoFiles);
  return `${JSON.stringify(types.toJSON(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(descriptorFile, otlpDescriptorText());
}
