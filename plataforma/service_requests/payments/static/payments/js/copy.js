// "Copiar" next to the PIX copia e cola field. Without this script the button stays hidden and
// the field's text can be selected and copied by hand.
(function () {
  "use strict";

  function announce(statusId, attribute) {
    var status = document.getElementById(statusId);
    if (status) {
      status.textContent = status.getAttribute(attribute) || "";
    }
  }

  function copyFrom(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.focus();
    field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function setUp() {
    var buttons = document.querySelectorAll("[data-payments-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var field = document.getElementById(button.getAttribute("data-payments-copy"));
      var statusId = button.getAttribute("data-payments-status");
      if (!field) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        copyFrom(field).then(
          function () { announce(statusId, "data-copied-text"); },
          function () {
            field.focus();
            field.select();
            announce(statusId, "data-failed-text");
          }
        );
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
