import type { Metadata } from "next";
import { viewerTheme } from "./_ui/theme";
import { ZoneCookieScript } from "./_ui/zone-cookie-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Logwell", template: "%s · Logwell" },
  description: "Client logs and crashes for small teams, in your own Postgres.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = await viewerTheme();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <ZoneCookieScript />
      </head>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased">{children}</body>
    </html>
  );
}
