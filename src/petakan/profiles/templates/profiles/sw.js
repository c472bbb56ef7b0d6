// Petakan's service worker. Workbox (npm) does all the caching; this file only routes requests to its strategies.
// Rendered by petakan.profiles.offline.service_worker (static URLs filled in).
var MODULES = {{ modules|safe }};
var STATIC_PREFIX = {{ static_prefix|safe }};
var OFFLINE_URL = {{ offline_url|safe }};
var GENERATION = {{ generation|safe }};
// A profile page or a section form: /profil/<village code>/<year>/ and /profil/<code>/<year>/ubah/<section>/
var PROFILE_PAGE = /^\/profil\/[0-9.]+\/[0-9]{4}\/(ubah\/[a-z0-9_-]+\/)?$/;
var MONTH = 30 * 24 * 3600;

importScripts(MODULES["workbox-sw"]);
workbox.setConfig({ debug: false, modulePathCb: function (name) { return MODULES[name]; } });

// Modules must be loaded while the worker script runs (importScripts is refused later), so touch them all now.
var core = workbox.core;
var routing = workbox.routing;
var strategies = workbox.strategies;
var expiration = workbox.expiration;
var cacheable = workbox.cacheableResponse;
var recipes = workbox.recipes;

core.setCacheNameDetails({ prefix: "petakan", suffix: GENERATION });
core.clientsClaim();
self.skipWaiting();

// Profile pages: the network when it answers within a few seconds, else the copy from the last visit.
routing.registerRoute(
  function (ctx) { return ctx.request.mode === "navigate" && ctx.url.origin === self.location.origin && PROFILE_PAGE.test(ctx.url.pathname); },
  new strategies.NetworkFirst({
    cacheName: "petakan-profil-" + GENERATION,
    networkTimeoutSeconds: 6,
    plugins: [
      new cacheable.CacheableResponsePlugin({ statuses: [200] }),
      new expiration.ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: MONTH }),
    ],
  })
);

// Scripts, styles and icons (same origin, under STATIC_URL): the cached copy at once, refreshed in the background.
routing.registerRoute(
  function (ctx) { return ctx.url.origin === self.location.origin && ctx.url.pathname.indexOf(STATIC_PREFIX) === 0; },
  new strategies.StaleWhileRevalidate({
    cacheName: "petakan-static-" + GENERATION,
    plugins: [
      new cacheable.CacheableResponsePlugin({ statuses: [200] }),
      new expiration.ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: MONTH }),
    ],
  })
);

// Every other page: the network only, or when it fails "tidak ada koneksi" (cached when the worker is installed).
// The recipe only catches failures of a route, hence this route. Other requests (data, htmx polling) are not
// routed at all: they go to the network as if there were no worker.
routing.registerRoute(
  function (ctx) { return ctx.request.mode === "navigate"; },
  new strategies.NetworkOnly()
);
recipes.offlineFallback({ pageFallback: OFFLINE_URL });
