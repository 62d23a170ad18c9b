// Shared by the HTTP adapters (GMS, Workspace API, Genesys Cloud): nothing here is part of the public contract.

/** A request's query: entries left `undefined` are not sent. */
export type RequestQuery = Readonly<Record<string, string | number | undefined>>;

/** `base` (any trailing slashes dropped) + `path`, with the defined `query` entries as its search. */
export function requestUrl(base: string, path: string, query: RequestQuery = {}): string {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.href;
}

/** An answer's body as JSON, or as the text it is when it is not JSON (a proxy's HTML error page). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
