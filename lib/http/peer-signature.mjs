// The socket address `npm start` vouches for. scripts/server.mjs (plain JavaScript, unbundled)
// signs it for Next's routes; lib/http/client-ip.ts checks it. One function for both, in a
// file the launcher can import as it is.
import { createHmac } from "node:crypto";

export const peerIpHeader = "x-logwell-peer-ip";
export const peerSignatureHeader = "x-logwell-peer-sig";

/** HMAC-SHA256 hex of `ip` under the process's secret. */
export function signPeerIp(ip, secret) {
  return createHmac("sha256", secret).update(ip).digest("hex");
}
