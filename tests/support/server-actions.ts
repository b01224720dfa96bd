// Calling the built app's server actions over HTTP as React's client would: the action id from
// the build's manifest, the arguments in React's reply encoding.
import { readFileSync } from "node:fs";
import path from "node:path";
import { distDir } from "./server";

// Every server action under app/: a list of folders missed the explorer's and the alerts'
// actions when they came, so a new page's actions are in the matrix by default.
const ourActionFiles = /^app\//;

/** Exported name → action id, for every server action of our pages. */
export function actionIds(): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir(), "server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName: string; filename: string }> };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (ourActionFiles.test(entry.filename)) ids[entry.exportedName] = id;
  }
  return ids;
}

export interface ActionCall {
  /** The page the form lives on (the action id decides what runs; the path only routes). */
  page: string;
  /** Arguments before the form data (bound ids, useActionState's previous state). */
  leading: unknown[];
  fields?: Record<string, string>;
}

/** React's reply encoding for (…leading, formData): the form's fields under "_1_". */
function encodeArgs(call: ActionCall): FormData {
  const body = new FormData();
  const args: unknown[] = [...call.leading];
  if (call.fields) {
    args.push("$K1");
    for (const [k, v] of Object.entries(call.fields)) body.set(`_1_${k}`, v);
  }
  body.set("0", JSON.stringify(args));
  return body;
}

/** POSTs one action call with a session cookie from `origin`; the answer's status and text. */
export async function invokeAction(
  baseUrl: string,
  actionId: string,
  call: ActionCall,
  { cookie, origin = baseUrl }: { cookie: string; origin?: string },
) {
  const res = await fetch(baseUrl + call.page, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin, "next-action": actionId, accept: "text/x-component" },
    body: encodeArgs(call),
  });
  return { status: res.status, text: await res.text(), setCookie: res.headers.getSetCookie() };
}
