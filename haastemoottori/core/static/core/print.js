// A link with data-print opens the browser's print dialogue (without JavaScript it reloads the page, which
// prints with the browser's own command). A static file, so the Content-Security-Policy needs no inline script.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-print]");
  if (link) {
    event.preventDefault();
    window.print();
  }
});
