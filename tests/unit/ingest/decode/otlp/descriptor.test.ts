import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { descriptorFile, otlpDescriptorText } from "@/scripts/build-otlp-descriptor.mjs";

// The committed descriptor (bundled, read by protobufjs/light) is what the vendored .proto files
// say: after editing vendor/proto/, run `node scripts/build-otlp-descriptor.mjs`.
test("lib/ingest/decode/otlp/descriptor.json matches vendor/proto/", () => {
  expect(JSON.parse(readFileSync(descriptorFile, "utf8"))).toEqual(
    JSON.parse(otlpDescriptorText()),
  );
});
