/* The waiting room's screen (painel de chamadas): asks the JSON endpoint for the latest calls
   every few seconds and updates the page. Senha and desk only. The "Chamando agora" region is
   aria-live="polite": it is rewritten only when a new call (or a new call of the same senha)
   arrives, so screen readers announce each call once. ES5 and XMLHttpRequest: the TV sets of
   waiting rooms often run old browsers. Without JavaScript the page reloads itself instead. */
(function () {
  "use strict";

  var root = document.querySelector("[data-panel-endpoint]");
  if (!root) {
    return;
  }
  var endpoint = root.getAttribute("data-panel-endpoint");
  var interval = parseInt(root.getAttribute("data-panel-interval"), 10) || 5;
  var lastId = root.getAttribute("data-panel-last") || "";
  var current = document.getElementById("painel-atual");
  var history = document.getElementById("painel-ultimas");
  var status = document.getElementById("painel-status");
  var labels = {
    senha: root.getAttribute("data-label-senha") || "Senha",
    guiche: root.getAttribute("data-label-guiche") || "Dirija-se ao",
    online: root.getAttribute("data-label-online") || "",
    offline: root.getAttribute("data-label-offline") || "",
    empty: root.getAttribute("data-label-empty") || ""
  };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function line(className, caption, value) {
    var p = element("p", className);
    p.appendChild(element("span", "unit-panel-caption", caption));
    p.appendChild(document.createTextNode(" "));
    p.appendChild(element("strong", "", value));
    return p;
  }

  function showCurrent(call) {
    while (current.firstChild) {
      current.removeChild(current.firstChild);
    }
    current.appendChild(line("unit-panel-senha", labels.senha, call.senha));
    current.appendChild(line("unit-panel-guiche", labels.guiche, call.guiche));
    current.className = "unit-panel-current unit-panel-flash";
    window.setTimeout(function () {
      current.className = "unit-panel-current";
    }, 4000);
  }

  function showHistory(calls) {
    while (history.firstChild) {
      history.removeChild(history.firstChild);
    }
    if (!calls.length) {
      var empty = element("tr");
      var cell = element("td", "", "—");
      cell.setAttribute("colspan", "3");
      empty.appendChild(cell);
      history.appendChild(empty);
      return;
    }
    for (var i = 0; i < calls.length; i += 1) {
      var row = element("tr");
      var head = element("th", "", calls[i].senha);
      head.setAttribute("scope", "row");
      row.appendChild(head);
      row.appendChild(element("td", "", calls[i].guiche));
      row.appendChild(element("td", "", calls[i].hora));
      history.appendChild(row);
    }
  }

  function update(data) {
    var calls = (data && data.chamadas) || [];
    if (calls.length && calls[0].id !== lastId) {
      lastId = calls[0].id;
      showCurrent(calls[0]);
    } else if (!calls.length && lastId) {
      // a new day: yesterday's last call leaves the screen
      lastId = "";
      while (current.firstChild) {
        current.removeChild(current.firstChild);
      }
      current.appendChild(element("p", "unit-panel-empty", labels.empty));
    }
    showHistory(calls.slice(1));
    status.textContent = labels.online;
  }

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", endpoint, true);
    request.setRequestHeader("Accept", "application/json");
    request.timeout = 10000;
    request.onload = function () {
      if (request.status === 200) {
        try {
          update(JSON.parse(request.responseText));
        } catch (error) {
          status.textContent = labels.offline;
        }
      } else {
        status.textContent = labels.offline;
      }
      window.setTimeout(poll, interval * 1000);
    };
    request.onerror = request.ontimeout = function () {
      status.textContent = labels.offline;
      window.setTimeout(poll, interval * 1000);
    };
    request.send();
  }

  window.setTimeout(poll, interval * 1000);
})();
