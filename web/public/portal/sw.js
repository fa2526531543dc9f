/*
 * The traveller portal's service worker. It keeps, for use without a network:
 * - the portal shell (its page and the scripts and styles that page loads), cache `portal-shell-<v>`;
 * - each upcoming trip's itinerary page, PDF and emergency numbers, which the trips page stores
 *   itself in the cache `portal-trips` (same-origin GET URLs under `/i/`), answered here when the
 *   network fails.
 * Everything else (GraphQL, the staff app) goes to the network untouched.
 */
const SHELL = 'portal-shell-v1';
const TRIPS = 'portal-trips';
const SHELL_PAGE = '/portal/';

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch(new Request(SHELL_PAGE, { headers: { accept: 'text/html' }, cache: 'no-store' }));
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put(SHELL_PAGE, page);
  const assets = [...html.matchAll(/(?:src|href)="(\/(?:assets|portal)\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(
    assets.map((url) =>
      fetch(url).then((res) => (res.ok ? cache.put(url, res) : undefined), () => undefined),
    ),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('portal-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const fromPortal = (request) => {
  try {
    return new URL(request.referrer).pathname.startsWith('/portal');
  } catch {
    return false;
  }
};

/*
 * Kept copies are matched by URL alone (`ignoreVary`): the gateway answers `Vary: Origin`, and a
 * module script's request carries an Origin header the worker's own fetch did not.
 */

/** Network first; what the network answers is kept for next time, and the kept copy answers when it fails. */
async function networkFirst(request, cacheName, keep) {
  try {
    const response = await fetch(request);
    if (keep && response.ok) {
      const copy = response.clone();
      void caches.open(cacheName).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

/**
 * The page lists the scripts and styles it loaded before this worker controlled it (lazy chunks of
 * the first visit): they are kept too, so the portal opens offline whatever page was seen first.
 */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => {
    try {
      const url = new URL(u, self.location.origin);
      return url.origin === self.location.origin && url.pathname.startsWith('/assets/');
    } catch {
      return false;
    }
  });
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      Promise.all(
        urls.map((u) =>
          cache.match(u, { ignoreVary: true }).then(
            (hit) => hit ?? fetch(u).then((res) => (res.ok ? cache.put(u, res) : undefined), () => undefined),
          ),
        ),
      ),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;

  if (path.startsWith('/i/')) {
    // Itinerary pages and PDFs the trips page stored for offline use.
    event.respondWith(networkFirst(request, TRIPS, false));
    return;
  }
  if (request.mode === 'navigate' && (path === '/portal' || path.startsWith('/portal/'))) {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL_PAGE, { cacheName: SHELL, ignoreVary: true })) ?? Response.error()),
    );
    return;
  }
  if ((path.startsWith('/assets/') && fromPortal(request)) || (path.startsWith('/portal/') && path !== '/portal/graphql')) {
    // Hashed assets never change under one name: the kept copy first.
    event.respondWith(
      caches.match(request, { cacheName: SHELL, ignoreVary: true }).then((hit) => hit ?? networkFirst(request, SHELL, true)),
    );
  }
});
