import { headers } from "next/headers";
import { zoneCookie } from "./viewer-time";

// Runs before the page paints and only writes a cookie, so the server can render times in the
// browser's zone from the next request on (no client-side swap, no flash). It re-reports after
// a move to another zone.
const script = `(function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;var v=encodeURIComponent(z);if(z&&!document.cookie.split("; ").includes("${zoneCookie}="+v))document.cookie="${zoneCookie}="+v+";path=/;max-age=31536000;samesite=lax"+(location.protocol==="https:"?";secure":"")}catch(e){}})()`;

export async function ZoneCookieScript() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The browser blanks a nonce attribute after reading it; React must not call that a mismatch.
    // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of this file, no input in it
    <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: script }} />
  );
}
