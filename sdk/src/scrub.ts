// Redacts secret-looking query parameters (`?token=`, `&password=`, `#access_token=`...) in a
// serialized event. Running on the JSON text covers url, message, stack, breadcrumbs and
// attributes at once; a value never spans a quote or backslash, so the JSON stays valid.

// Bounded runs ({0,64}) keep matching linear in the text's length: no unbounded nested
// repetition for a hostile string to backtrack through.
const SECRET_PARAMETER =
  /([?&#;][^=&#\s"\\]{0,64}(?:token|pass|pwd|secret|key|auth|sig|session)[^=&#\s"\\]{0,64}=)[^&#\s"\\]*/gi;

export const scrubSecrets = (json: string): string =>
  json.replace(SECRET_PARAMETER, "$1[redacted]");
