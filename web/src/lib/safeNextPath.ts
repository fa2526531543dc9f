/**
 * Where to go after signing in. Only paths inside this app are honoured, so a crafted
 * `/login?next=https://evil.example` link cannot bounce someone off-site after they sign in.
 */
export function safeNextPath(raw: string | null, fallback = '/'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  try {
    const url = new URL(raw, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/login')) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

export const loginPathFor = (location: { pathname: string; search: string; hash: string }): string =>
  `/login?next=${encodeURIComponent(`${location.pathname}${location.search}${location.hash}`)}`;
