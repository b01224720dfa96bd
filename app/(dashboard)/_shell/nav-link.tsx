"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A nav link that marks itself current (aria-current) when the URL is at or below it. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-zinc-900 ${
        active ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-200"
      }`}
    >
      {children}
    </Link>
  );
}
