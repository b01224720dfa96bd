// The short trail of what happened before an error: navigations, clicks, console lines, requests.

export interface Breadcrumb {
  time: number;
  category: string;
  message: string;
}

const MAX_BREADCRUMBS = 20;
const trail: Breadcrumb[] = [];

export function addBreadcrumb(category: string, message: string) {
  trail.push({ time: Date.now(), category, message: message.slice(0, 200) });
  if (trail.length > MAX_BREADCRUMBS) trail.shift();
}

export const breadcrumbs = (): Breadcrumb[] => trail.slice();
