import protobuf from "protobufjs/light";
import descriptor from "./descriptor.json";

// The OTLP logs messages and google.rpc.Status, from the vendored .proto files (vendor/proto/README.md)
// as protobufjs's JSON descriptor: bundled like any module, so nothing is read from disk at run
// time (Vercel, preparation threads). protobufjs/light has no .proto parser, which we never need.

const root = protobuf.Root.fromJSON(descriptor).resolveAll();

export const exportLogsRequest = root.lookupType(
  "opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest",
);
export const exportLogsResponse = root.lookupType(
  "opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse",
);
export const rpcStatus = root.lookupType("google.rpc.Status");

export type Type = protobuf.Type;
export type Message = protobuf.Message;
