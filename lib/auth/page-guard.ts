import "server-only";
import { forbidden, notFound } from "next/navigation";
import { ApiError } from "@/lib/http/errors";

/**
 * Pages run the same access checks as the API; this turns their ApiErrors into Next's 404 and
 * 403 pages (a foreign project looks exactly like a missing one).
 */
export async function orPageError<T>(work: Promise<T> | (() => Promise<T> | T)): Promise<T> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    if (err instanceof ApiError && err.code === "forbidden") forbidden();
    throw err;
  }
}
