// Starts Swagger UI on /api/v1/docs with the settings the page carries as JSON (no inline script: see web/csp.py).
(function () {
  "use strict";
  var source = document.getElementById("swagger-config");
  if (!source || typeof SwaggerUIBundle === "undefined") { return; }
  var config = JSON.parse(source.textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  window.ui = SwaggerUIBundle(config);
}());
