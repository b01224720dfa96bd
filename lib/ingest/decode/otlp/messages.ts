import protobuf from "protobufjs/light";
import descriptor from "./descriptor.json";

// The OTLP logs messages and google.rpc.Status, from the vendored .proto files (vendor/proto/README.md)
// as protobufjs's JSON descriptor: bundled like any module, so nothing is read from disk at run
// time (Vercel, preparation threads). protobufjs/light has no .proto parser, which we never need.

const root = protobuf.Root.fromJSON(descriptor).resolveAll();

// Decoding an AnyValue sets its oneof `value`, whose protobufjs setter deletes every other member
// of the oneof from the message, present or not: six `delete`s, each a runtime call in V8, per
// attribute value, a fifth of the decode's time. A delete of a member the message does not own
// changes nothing (unset members live on the prototype), so this setter skips those: the same
// messages, faster. protobufjs takes the setter when it first builds a type's constructor, so it
// is swapped in for that moment only and other protobufjs users in the process never see it.
const anyValue = root.lookupType("opentelemetry.proto.common.v1.AnyValue");
const { oneOfSetter } = protobuf.util;
protobuf.util.oneOfSetter = (names) =>
  function setOneOf(this: Record<string, unknown>, name: string | undefined) {
    for (const other of names) if (other !== name && Object.hasOwn(this, other)) delete this[other];
  };
try {
  void anyValue.ctor;
} finally {
  protobuf.util.oneOfSetter = oneOfSetter;
}

export const exportLogsRequest = root.lookupType(
  "opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest",
);
export const exportLogsResponse = root.lookupType(
  "opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse",
);
export const rpcStatus = root.lookupType("google.rpc.Status");

export type Type = protobuf.Type;
export type Message = protobuf.Message;
