/* The main menu folds behind its "Menu" button on narrow screens only (overrides/partials/gc-header.html):
   when the window widens, where the button is hidden, the menu opens again so it cannot be lost. */
(function () {
  var wide = window.matchMedia("(min-width: 45em)");
  function follow() {
    var menu = document.querySelector(".gc-menu__details");
    if (menu && wide.matches) menu.open = true;
  }
  if (wide.addEventListener) wide.addEventListener("change", follow);
})();
