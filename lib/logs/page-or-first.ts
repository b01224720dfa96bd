import { ApiError } from "@/lib/http/errors";

/**
 * The dashboard's keyset pages (explorer, issue list): reads the page a link's cursor names;
 * a cursor refused as `invalid_cursor` (issued for other filters, edited, forged) reads the
 * first page instead, and `isCursorRefused` says so for the page to tell the reader. The API
 * answers 400 instead: only a page may quietly fall back.
 */
export async function readPageOrFirst<T>(
  read: (cursor: string | undefined) => Promise<T>,
  cursor: string | undefined,
): Promise<{ page: T; isCursorRefused: boolean }> {
  try {
    return { page: await read(cursor), isCursorRefused: false };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "invalid_cursor")) throw err;
    return { page: await read(undefined), isCursorRefused: true };
  }
}
