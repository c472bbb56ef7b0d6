// Install the service worker (served at /sw.js so that its scope is the whole site). Without support: nothing.
(function () {
  if (!("serviceWorker" in navigator)) return;
  var script = document.currentScript;
  var url = script && script.getAttribute("data-sw");
  if (!url) return;
  navigator.serviceWorker.register(url, { scope: "/" }).catch(function (err) {
    console.warn("service worker not installed", err);
  });
})();
