/* Progressive enhancement only: every page works without this file.
   Initialises the gov.br Design System input behaviour (password view, autocomplete)
   on the page's .br-input fields (the editor and login forms use them). */
(function () {
  "use strict";
  function init() {
    var core = window.core;
    if (!core) return;
    if (core.BRInput) {
      document.querySelectorAll(".br-input").forEach(function (el) {
        try { new core.BRInput("br-input", el); } catch (e) { /* decoration only */ }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
