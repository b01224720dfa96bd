import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { serializeError } from "@/lib/log";

describe("server logs never carry query parameters (PRIV-2)", () => {
  it("logs a failed drizzle query as its SQL and driver error, without the parameters", () => {
    const driverError = Object.assign(new Error("invalid byte sequence"), { code: "22021" });
    const err = new DrizzleQueryError(
      "insert into logs values ($1)",
      ["password=hunter2"],
      driverError,
    );
    expect(err.message).toContain("hunter2"); // what a plain serializer would have logged
    const serialized = JSON.stringify(serializeError(err));
    expect(serialized).toContain("insert into logs");
    expect(serialized).toContain("22021");
    expect(serialized).not.toContain("hunter2");
  });

  it("keeps ordinary errors as pino serializes them", () => {
    const serialized = serializeError(new Error("plain failure")) as {
      message: string;
      type: string;
    };
    expect(serialized).toMatchObject({ type: "Error", message: "plain failure" });
  });
});
