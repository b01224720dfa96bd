import { describe, expect, it } from "vitest";
import { type GroupingInput, groupEvent, isIssueMember } from "@/lib/issues/grouping";
import { fileBasename, functionName } from "@/lib/issues/grouping/frame-name";
import { isLibraryFile } from "@/lib/issues/grouping/in-app";
import cases from "./cases.json";
import { nativeEvent } from "./corpus";

// The grouping rules of docs/issues.md, one by one.

const event = (fields: Partial<GroupingInput>): GroupingInput => ({
  level: "error",
  message: "Error: boom",
  stack: null,
  url: null,
  attributes: null,
  ...fields,
});
const keyOf = (fields: Partial<GroupingInput>) => groupEvent(event(fields))?.key;

const chromeStack = (file: string, fn = "handleClick") =>
  `TypeError: x is undefined\n    at ${fn} (${file}:10:5)\n    at main (https://a.example/app.js:1:1)`;

describe("membership", () => {
  it("error and fatal events, and any event with a stack or an exception", () => {
    expect(isIssueMember(event({ level: "error" }))).toBe(true);
    expect(isIssueMember(event({ level: "fatal" }))).toBe(true);
    expect(isIssueMember(event({ level: "warn" }))).toBe(false);
    expect(isIssueMember(event({ level: "info", stack: chromeStack("https://a/x.js") }))).toBe(
      true,
    );
    expect(isIssueMember(event({ level: "debug", stack: "  \n" }))).toBe(false);
    const exception = [{ type: "ValueError", value: "bad" }];
    expect(isIssueMember(event({ level: "warn", attributes: { exception } }))).toBe(true);
    expect(groupEvent(event({ level: "info" }))).toBeNull();
  });
});

describe("explicit fingerprints", () => {
  it("win over the stack, and {{ default }} stands for the default key", () => {
    const stack = chromeStack("https://a/x.js");
    const fingerprint = ["checkout", "payment"];
    const a = groupEvent(event({ stack, attributes: { fingerprint } }));
    const b = groupEvent(
      event({ stack: chromeStack("https://a/y.js", "other"), attributes: { fingerprint } }),
    );
    expect(a?.basis).toBe("fingerprint");
    expect(a?.key).toBe(b?.key);
    expect(a?.key).not.toBe(keyOf({ stack }));

    const withDefault = (s: string) =>
      keyOf({ stack: s, attributes: { fingerprint: ["{{ default }}", "eu"] } });
    expect(withDefault(stack)).not.toBe(withDefault(chromeStack("https://a/y.js", "other")));
    expect(withDefault(stack)).not.toBe(keyOf({ stack }));
    expect(keyOf({ stack, attributes: { fingerprint: ["{{default}}", "eu"] } })).toBe(
      withDefault(stack),
    );
    expect(keyOf({ stack, attributes: { fingerprint: ["{{ default }}"] } })).not.toBe(
      keyOf({ stack }),
    );
  });

  it("reads numbers as text and ignores what is not a list of scalars", () => {
    expect(keyOf({ attributes: { fingerprint: [42] } })).toBe(
      keyOf({ attributes: { fingerprint: ["42"] } }),
    );
    expect(keyOf({ attributes: { fingerprint: "checkout" } })).toBe(keyOf({}));
    expect(keyOf({ attributes: { fingerprint: [] } })).toBe(keyOf({}));
    expect(keyOf({ attributes: { fingerprint: [{ a: 1 }] } })).toBe(keyOf({}));
  });
});

describe("the exception type", () => {
  it("comes from the stack's first line, else the message's prefix, without Uncaught", () => {
    const firefoxStack = "handleClick@https://a/x.js:10:5\n";
    const chrome = groupEvent(
      event({ message: "Uncaught TypeError: a", stack: chromeStack("https://a/x.js") }),
    );
    const firefox = groupEvent(event({ message: "TypeError: b", stack: firefoxStack }));
    expect(chrome?.type).toBe("TypeError");
    expect(firefox?.type).toBe("TypeError");
    expect(groupEvent(event({ message: "Uncaught TypeError: b" }))?.type).toBe("TypeError");
    expect(groupEvent(event({ message: "checkout failed" }))?.type).toBeNull();
    expect(groupEvent(event({ message: "Error [ERR_X]: no" }))?.type).toBe("Error [ERR_X]");
    // Node's decoration (source line, caret) comes before the header.
    const { stack } = nativeEvent("node", "deploy-1", "checkoutTotal");
    expect(stack?.startsWith("/srv/shop/dist/")).toBe(true);
    expect(groupEvent(event({ message: "uncaught exception", stack }))?.type).toBe("TypeError");
  });
});

describe("without usable frames", () => {
  it("type plus the parameterised first line of the value, then the parameterised message", () => {
    const vendorOnly =
      "TypeError: order 8812 failed\n    at f (https://a/node_modules/lib/x.js:1:1)";
    const value = groupEvent(event({ stack: vendorOnly }));
    expect(value?.basis).toBe("value");
    expect(value?.culprit).toBeNull();
    expect(keyOf({ stack: vendorOnly.replace("8812", "9931") })).toBe(value?.key);
    expect(keyOf({ stack: vendorOnly.replace("TypeError", "RangeError") })).not.toBe(value?.key);

    const message = groupEvent(
      event({ message: "order 8812 failed for a@b.com", url: "https://s/cart?id=1" }),
    );
    expect(message).toMatchObject({
      basis: "message",
      type: null,
      title: "order 8812 failed for a@b.com",
      culprit: "/cart",
    });
    expect(keyOf({ message: "order 9931 failed for c@d.org" })).toBe(message?.key);
    expect(keyOf({ message: "order 9931 shipped" })).not.toBe(message?.key);
  });
});

describe("frames", () => {
  it("basename without bundler hash, query string or version", () => {
    for (const [file, base] of cases.basenames as Array<[string, string]>)
      expect(fileBasename(file), file).toBe(base);
    expect(fileBasename("[native code]")).toBeNull();
    expect(fileBasename("<anonymous>")).toBeNull();
  });

  it("function name: last dotted segment, without async, new, [as x]; anonymous never counts", () => {
    for (const [raw, name] of cases.functionNames as Array<[string, string | null]>)
      expect(functionName(raw), raw).toBe(name);
  });

  it("line and column numbers never count", () => {
    const a = chromeStack("https://a/page-3f2a9c.js");
    expect(keyOf({ stack: a.replace(":10:5", ":999:77") })).toBe(keyOf({ stack: a }));
  });
});

describe("in-app frames", () => {
  it("library code, node internals and browser extensions are not the application's", () => {
    for (const file of cases.libraryFiles) {
      expect(isLibraryFile(file), file).toBe(true);
    }
    for (const file of cases.appFiles) {
      expect(isLibraryFile(file), file).toBe(false);
    }
  });

  it("an extension's frames above the site's do not split the site's issue", () => {
    const site = chromeStack("https://a/page-3f2a9c.js");
    const lines = site.split("\n");
    lines.splice(1, 0, "    at hook (chrome-extension://abcdefghijklmnop/content.js:1:1)");
    expect(keyOf({ stack: lines.join("\n") })).toBe(keyOf({ stack: site }));
  });

  it("at most the 10 frames nearest the error are read, as V8 keeps them", () => {
    const frames = Array.from({ length: 30 }, (_, i) => `    at f${i} (/srv/app/src/a.js:${i}:1)`);
    const stack = (n: number) => ["Error: x", ...frames.slice(0, n)].join("\n");
    expect(keyOf({ stack: stack(30) })).toBe(keyOf({ stack: stack(10) }));
    expect(keyOf({ stack: stack(9) })).not.toBe(keyOf({ stack: stack(10) }));
  });
});

describe("Sentry's in_app", () => {
  const exception = (inApp: boolean) => [
    {
      type: "TypeError",
      value: "x",
      stacktrace: {
        frames: [
          { filename: "/srv/app/src/main.js", function: "main", in_app: true },
          { filename: "/srv/app/src/helper.js", function: "helper", in_app: inApp },
        ],
      },
    },
  ];
  it("false demotes a frame; true does not promote library code", () => {
    const withHelper = groupEvent(event({ attributes: { exception: exception(true) } }));
    const demoted = groupEvent(event({ attributes: { exception: exception(false) } }));
    expect(withHelper?.culprit).toBe("helper (helper.js)");
    expect(demoted?.culprit).toBe("main (main.js)");
    expect(demoted?.key).not.toBe(withHelper?.key);
    const library = exception(true);
    const frames = library[0]?.stacktrace.frames ?? [];
    frames[1] = {
      filename: "/srv/app/node_modules/lib/helper.js",
      function: "helper",
      in_app: true,
    };
    expect(groupEvent(event({ attributes: { exception: library } }))?.key).toBe(demoted?.key);
  });
});

describe("bounded work", () => {
  it("hostile stack texts are read up to the caps, without catastrophic backtracking", () => {
    const hostile = [
      `Error: x\n${`    at ${"(".repeat(100_000)}\n`.repeat(20)}`,
      `${" ".repeat(200_000)}at x`,
      `${"(@".repeat(100_000)}\n`.repeat(5),
      `${"a(b)@http".repeat(20_000)}:1:2`,
      `${"@".repeat(10)}\n`.repeat(100_000),
      `Error: ${"x".repeat(1_000_000)}`,
    ];
    for (const stack of hostile) {
      const grouping = groupEvent(event({ stack }));
      expect(grouping?.key).toMatch(/^[0-9a-f]{64}$/);
      expect(groupEvent(event({ stack }))).toEqual(grouping);
    }
  });
});
