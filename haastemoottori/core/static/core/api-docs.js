// Starts Swagger UI on the API documentation page with the settings the page carries as JSON.
// A static file, so the page needs no inline script under the Content-Security-Policy.
window.addEventListener("DOMContentLoaded", () => {
  const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis];
  window.ui = SwaggerUIBundle(settings);
});
