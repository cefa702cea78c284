// Swagger UI for /docs, from the swagger-ui-bundle package (served by the app: no CDN, no inline script).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
