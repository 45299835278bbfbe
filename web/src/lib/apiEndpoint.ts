// Where the server side of the web app finds the GraphQL API: API_URL if set, otherwise the
// API's default local address on API_PORT (4000 unless told otherwise).

const DEFAULT_API_PORT = 4000;

/** Validates API_URL: an absolute http(s) URL, or unset. */
export function parseApiUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(
      `API_URL must be an absolute http(s) URL such as http://127.0.0.1:4000/graphql, got "${value}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL must use http or https, got "${value}"`);
  }
  return url.href;
}

/** Validates API_PORT: a TCP port number, or unset. */
export function parseApiPort(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const port = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`API_PORT must be a port number between 1 and 65535, got "${value}"`);
  }
  return port;
}

export function resolveApiEndpoint(
  apiUrl: string | undefined,
  apiPort: number | undefined,
): string {
  return apiUrl ?? `http://127.0.0.1:${apiPort ?? DEFAULT_API_PORT}/graphql`;
}
