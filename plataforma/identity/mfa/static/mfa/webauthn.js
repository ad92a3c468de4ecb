/*
 * MT Login — security keys and passkeys (W3C Web Authentication).
 *
 * Progressive enhancement: every form marked data-mfa-webauthn="register" or "authenticate" is
 * rendered hidden and only shown when the browser has window.PublicKeyCredential. On submit the
 * script asks the server for the options (POST data-options-url, JSON), calls
 * navigator.credentials.create() or .get(), and posts the answer to the form's action. The server
 * answers {"redirect": url} on success or {"error": message} (in Portuguese) on failure; the
 * message is shown in the form's aria-live region. Messages of the script itself come from the
 * form's data-msg-* attributes, translated by the template.
 */
(function () {
  "use strict";

  function base64urlToBuffer(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    var padded = base64 + "===".slice((base64.length + 3) % 4);
    var binary = window.atob(padded);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function bufferToBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 1) {
      binary += String.fromCharCode(bytes[i]);
    }
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input && input.value) {
      return input.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function showStatus(form, message, isError) {
    var region = form.querySelector("[data-mfa-status]");
    if (!region) {
      return;
    }
    region.textContent = "";
    if (!message) {
      return;
    }
    var box = document.createElement("div");
    box.className = "br-message " + (isError ? "danger" : "info");
    if (isError) {
      box.setAttribute("role", "alert");
    }
    var content = document.createElement("div");
    content.className = "content";
    var body = document.createElement("span");
    body.className = "message-body";
    body.textContent = message;
    content.appendChild(body);
    box.appendChild(content);
    region.appendChild(box);
  }

  function postJSON(url, payload, token) {
    return window
      .fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": token,
        },
        body: JSON.stringify(payload || {}),
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            return { ok: response.ok, data: data };
          });
      });
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      var descriptor = { type: item.type || "public-key", id: base64urlToBuffer(item.id) };
      if (item.transports) {
        descriptor.transports = item.transports;
      }
      return descriptor;
    });
  }

  function creationOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = base64urlToBuffer(json.challenge);
    options.user = Object.assign({}, json.user, { id: base64urlToBuffer(json.user.id) });
    options.excludeCredentials = descriptors(json.excludeCredentials);
    return options;
  }

  function requestOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = base64urlToBuffer(json.challenge);
    options.allowCredentials = descriptors(json.allowCredentials);
    return options;
  }

  function credentialToJSON(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: bufferToBase64url(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: bufferToBase64url(response.clientDataJSON) },
    };
    if (credential.authenticatorAttachment) {
      out.authenticatorAttachment = credential.authenticatorAttachment;
    }
    if (response.attestationObject) {
      out.response.attestationObject = bufferToBase64url(response.attestationObject);
      if (typeof response.getTransports === "function") {
        out.response.transports = response.getTransports();
      }
    }
    if (response.authenticatorData) {
      out.response.authenticatorData = bufferToBase64url(response.authenticatorData);
      out.response.signature = bufferToBase64url(response.signature);
      if (response.userHandle) {
        out.response.userHandle = bufferToBase64url(response.userHandle);
      }
    }
    return out;
  }

  function browserErrorMessage(form, error) {
    if (error && error.name === "InvalidStateError") {
      return form.dataset.msgExists;
    }
    if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
      return form.dataset.msgCancelled;
    }
    return form.dataset.msgFailed;
  }

  function run(form, button) {
    var mode = form.dataset.mfaWebauthn;
    var token = csrfToken(form);
    var optionsPayload = {};
    if (mode === "register") {
      var nameInput = form.querySelector("input[name=name]");
      optionsPayload.name = nameInput ? nameInput.value : "";
    }
    button.disabled = true;
    showStatus(form, form.dataset.msgWorking, false);

    function fail(message, redirect) {
      button.disabled = false;
      showStatus(form, message || form.dataset.msgFailed, true);
      if (redirect) {
        window.location.assign(redirect);
      }
    }

    postJSON(form.dataset.optionsUrl, optionsPayload, token)
      .then(function (result) {
        if (!result.ok) {
          fail(result.data.error, result.data.redirect);
          return null;
        }
        var call =
          mode === "register"
            ? navigator.credentials.create({ publicKey: creationOptions(result.data) })
            : navigator.credentials.get({ publicKey: requestOptions(result.data) });
        return call.then(
          function (credential) {
            return postJSON(form.action, { credential: credentialToJSON(credential) }, token);
          },
          function (error) {
            fail(browserErrorMessage(form, error));
            return null;
          }
        );
      })
      .then(function (result) {
        if (!result) {
          return;
        }
        if (result.ok && result.data.redirect) {
          window.location.assign(result.data.redirect);
          return;
        }
        fail(result.data.error, result.data.redirect);
      })
      .catch(function () {
        fail(form.dataset.msgNetwork);
      });
  }

  function setUp() {
    var forms = document.querySelectorAll("form[data-mfa-webauthn]");
    var supported =
      typeof window.PublicKeyCredential === "function" &&
      !!navigator.credentials &&
      typeof window.fetch === "function";
    Array.prototype.forEach.call(forms, function (form) {
      if (!supported) {
        var note = form.parentNode.querySelector("[data-mfa-unsupported]");
        if (note) {
          note.hidden = false;
        }
        return;
      }
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button[type=submit]");
        if (button && !button.disabled) {
          run(form, button);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
