// Progressive enhancement of the header's <details> menus (they open and close without JavaScript too):
// Escape closes the innermost open one and puts the focus back on its button; a click outside closes them.
(function () {
  'use strict';
  const openMenus = () => Array.from(document.querySelectorAll('.site-header details[open]'));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const menu = openMenus().pop();
    if (!menu) return;
    menu.open = false;
    menu.querySelector('summary').focus();
  });
  document.addEventListener('click', (event) => {
    for (const menu of openMenus()) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  });
})();
