// GitHub sign-in takes only the primary address GitHub has verified (issue 11, item 8): Auth.js's
// own provider took the primary address whether verified or not.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubUserinfo, verifiedPrimaryEmail } from "@/lib/auth/github-userinfo";

describe("verifiedPrimaryEmail", () => {
  it("takes the primary address only when verified", () => {
    expect(
      verifiedPrimaryEmail([
        { email: "other@example.com", primary: false, verified: true },
        { email: "me@example.com", primary: true, verified: true },
      ]),
    ).toBe("me@example.com");
    expect(
      verifiedPrimaryEmail([
        { email: "victim@example.com", primary: true, verified: false },
        { email: "mine@example.com", primary: false, verified: true },
      ]),
    ).toBeNull();
  });

  it("is null for anything that is not GitHub's list", () => {
    for (const body of [null, {}, [], [{ email: "a@b.c" }], { message: "Bad credentials" }]) {
      expect(verifiedPrimaryEmail(body)).toBeNull();
    }
  });
});

describe("githubUserinfo over HTTP (GitHub's /user and /user/emails shapes)", () => {
  let server: Server;
  let base: string;
  // What the API answers per access token.
  const accounts: Record<string, { user: object; emails: object[] | null }> = {
    "public-unverified": {
      // A public profile email is what Auth.js used first, with no verified flag at all.
      user: { id: 1, login: "mallory", email: "victim@example.com" },
      emails: [
        { email: "victim@example.com", primary: true, verified: false, visibility: "public" },
      ],
    },
    verified: {
      user: { id: 2, login: "alice", email: null },
      emails: [{ email: "alice@example.com", primary: true, verified: true, visibility: null }],
    },
    "no-email-scope": { user: { id: 3, login: "bob", email: "bob@example.com" }, emails: null },
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const token = (req.headers.authorization ?? "").replace("Bearer ", "");
      const account = accounts[token];
      res.setHeader("content-type", "application/json");
      if (!account) return res.writeHead(401).end('{"message":"Bad credentials"}');
      if (req.url === "/user") return res.end(JSON.stringify(account.user));
      if (req.url === "/user/emails" && account.emails) {
        return res.end(JSON.stringify(account.emails));
      }
      res.writeHead(404).end('{"message":"Not Found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const profileFor = (token: string) =>
    githubUserinfo(base).request({ tokens: { access_token: token } });

  it("replaces an unverified public email with none", async () => {
    expect(await profileFor("public-unverified")).toMatchObject({
      login: "mallory",
      email: null,
      email_verified: false,
    });
  });

  it("uses the verified primary address", async () => {
    expect(await profileFor("verified")).toMatchObject({
      id: 2,
      email: "alice@example.com",
      email_verified: true,
    });
  });

  it("without the emails scope, no email is trusted", async () => {
    expect(await profileFor("no-email-scope")).toMatchObject({
      email: null,
      email_verified: false,
    });
  });
});
