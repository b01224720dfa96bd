// A small user-agent reader for the detail view: browser, OS and device class. Input is capped
// before any regex and every pattern is linear (no nested quantifiers), unlike the parsers
// behind ua-parser-js's ReDoS advisories (threat SIZE-5, CVE-2020-7733).

export interface UserAgentInfo {
  browser: string | null;
  os: string | null;
  device: "mobile" | "tablet" | "desktop" | "bot" | null;
}

const browsers: [RegExp, string][] = [
  [/\bEdgA?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\bFirefox\/(\d+)/, "Firefox"],
  [/\bFxiOS\/(\d+)/, "Firefox"],
  [/\bCriOS\/(\d+)/, "Chrome"],
  [/\bChrom(?:e|ium)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];

const systems: [RegExp, string][] = [
  [/\bWindows NT 10/, "Windows 10/11"],
  [/\bWindows NT (\d+\.\d+)/, "Windows"],
  [/\b(?:iPhone|iPad|iPod).*? OS (\d+)/, "iOS"],
  [/\bAndroid (\d+)/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X (\d+)[_.](\d+)/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export function parseUserAgent(input: string | null | undefined): UserAgentInfo {
  if (!input) return { browser: null, os: null, device: null };
  const ua = input.slice(0, 512);
  if (/bot\b|crawler|spider|HeadlessChrome/i.test(ua)) {
    return { browser: matchFirst(ua, browsers), os: matchFirst(ua, systems), device: "bot" };
  }
  const device = /\biPad\b|Tablet/.test(ua)
    ? "tablet"
    : /Mobi|iPhone|Android/.test(ua)
      ? "mobile"
      : "desktop";
  return { browser: matchFirst(ua, browsers), os: matchFirst(ua, systems), device };
}

function matchFirst(ua: string, table: [RegExp, string][]): string | null {
  for (const [pattern, name] of table) {
    const m = pattern.exec(ua);
    if (!m) continue;
    if (name === "macOS" && m[1] && m[2]) return `macOS ${m[1]}.${m[2]}`;
    return m[1] && name !== "Windows 10/11" ? `${name} ${m[1]}` : name;
  }
  return null;
}
