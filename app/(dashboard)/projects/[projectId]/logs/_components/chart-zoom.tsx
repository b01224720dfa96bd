"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useRef, useState } from "react";

/** A drag shorter than this (CSS px) is a click on a bar, not a zoom. */
const minDragPx = 4;

/** The explorer URL with an absolute range: the preset and the page cursor no longer apply. */
export function zoomedHref(current: string, from: string, to: string): string {
  const url = new URL(current);
  url.searchParams.set("from", from);
  url.searchParams.set("to", to);
  url.searchParams.delete("range");
  url.searchParams.delete("cursor");
  return `${url.pathname}${url.search}`;
}

/**
 * Drag across the chart to zoom: the x positions map linearly onto the drawn span [from, to),
 * and the selection becomes the URL's absolute from/to (the URL is the explorer's state).
 * The pointer is captured, so a drag may end beyond either edge (it clamps to the span).
 * A plain click falls through to the bar's link underneath.
 */
export function ChartZoom({
  from,
  to,
  children,
}: {
  from: string;
  to: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  const start = useRef<number | null>(null);
  const dragged = useRef(false);
  const [band, setBand] = useState<{ left: number; right: number } | null>(null);

  const fraction = (clientX: number) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
  };

  return (
    <div
      ref={box}
      className="relative cursor-crosshair touch-pan-y select-none"
      data-chart-zoom=""
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        // No native link drag from a bar's anchor; the click still fires when nothing moved.
        e.preventDefault();
        start.current = e.clientX;
        dragged.current = false;
      }}
      onPointerMove={(e) => {
        if (start.current === null) return;
        if (Math.abs(e.clientX - start.current) < minDragPx && !dragged.current) return;
        if (!dragged.current) {
          // Captured only once it is a drag: a captured click would land on this box, not the bar.
          e.currentTarget.setPointerCapture(e.pointerId);
          dragged.current = true;
        }
        const a = fraction(start.current);
        const b = fraction(e.clientX);
        setBand({ left: Math.min(a, b), right: Math.max(a, b) });
      }}
      onPointerUp={(e) => {
        const begin = start.current;
        start.current = null;
        setBand(null);
        if (begin === null || !dragged.current) return;
        const a = Math.min(fraction(begin), fraction(e.clientX));
        const b = Math.max(fraction(begin), fraction(e.clientX));
        const fromMs = Date.parse(from);
        const spanMs = Date.parse(to) - fromMs;
        const zoomFrom = new Date(fromMs + Math.floor(a * spanMs)).toISOString();
        const zoomTo = new Date(fromMs + Math.ceil(b * spanMs)).toISOString();
        if (zoomFrom < zoomTo) router.push(zoomedHref(window.location.href, zoomFrom, zoomTo));
      }}
      onPointerCancel={() => {
        start.current = null;
        setBand(null);
      }}
      onClickCapture={(e) => {
        // The click ending a drag must not also follow the bar link under the pointer.
        if (dragged.current) {
          e.preventDefault();
          e.stopPropagation();
          dragged.current = false;
        }
      }}
    >
      {children}
      {band && (
        <div
          aria-hidden="true"
          data-zoom-band=""
          className="pointer-events-none absolute inset-y-0 border-x border-sky-500 bg-sky-500/15"
          style={{ left: `${band.left * 100}%`, width: `${(band.right - band.left) * 100}%` }}
        />
      )}
    </div>
  );
}
