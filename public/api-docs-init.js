// Starts Swagger UI on /api/docs once its bundle has loaded (the two scripts load independently).
(function start(tries) {
  if (window.SwaggerUIBundle) {
    window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
  } else if (tries < 200) {
    setTimeout(function () {
      start(tries + 1);
    }, 50);
  }
})(0);
