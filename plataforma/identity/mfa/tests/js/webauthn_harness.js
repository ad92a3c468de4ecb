// Exercises static/mfa/webauthn.js in node with a minimal DOM and stubbed fetch and
// navigator.credentials: option decoding, the JSON posted, errors in the live region, redirects.
// Run by test_webauthn_js.py: node webauthn_harness.js <path to webauthn.js>
const fs = require("fs");
const vm = require("vm");
const assert = require("assert");
const src = fs.readFileSync(process.argv[2], "utf8");

function makeEl(tag, attrs = {}) {
  const el = {
    tagName: tag, children: [], attrs: { ...attrs }, hidden: !!attrs.hidden, textContent: "",
    dataset: {}, listeners: {}, disabled: false, className: "", value: attrs.value || "",
    setAttribute(k, v) { this.attrs[k] = v; }, appendChild(c) { this.children.push(c); c.parentNode = this; return c; },
    addEventListener(t, f) { (this.listeners[t] ||= []).push(f); },
    querySelector(sel) { return this._q(sel)[0] || null; },
    querySelectorAll(sel) { return this._q(sel); },
    _q(sel) { const out = []; const walk = (n) => { for (const c of n.children) { if (c._match && c._match(sel)) out.push(c); walk(c); } }; walk(this); return out; },
  };
  Object.defineProperty(el, "textContent", { get() { return this._t || ""; }, set(v) { this._t = v; if (v === "") this.children = []; } });
  return el;
}
function build(mode) {
  const root = makeEl("div");
  const form = makeEl("form", { hidden: true });
  form.hidden = true;
  form.action = mode === "register" ? "/reg" : "/auth";
  form.dataset = { mfaWebauthn: mode, optionsUrl: "/opts", msgWorking: "W", msgCancelled: "C", msgExists: "E", msgFailed: "F", msgNetwork: "N" };
  form._match = (s) => s === "form[data-mfa-webauthn]";
  const csrf = makeEl("input", { value: "tok" }); csrf._match = (s) => s === "input[name=csrfmiddlewaretoken]";
  const name = makeEl("input", { value: "Minha chave" }); name._match = (s) => s === "input[name=name]";
  const button = makeEl("button"); button._match = (s) => s === "button[type=submit]";
  const status = makeEl("div"); status._match = (s) => s === "[data-mfa-status]";
  [csrf, name, button, status].forEach((c) => form.appendChild(c));
  root.appendChild(form);
  const note = makeEl("p"); note.hidden = true; note._match = (s) => s === "[data-mfa-unsupported]";
  root.appendChild(note);
  return { root, form, button, status, note };
}
function b64u(bytes) { return Buffer.from(bytes).toString("base64url"); }
async function scenario({ mode, supported = true, optionsResp, finalResp, credError }) {
  const dom = build(mode);
  const calls = [];
  let assigned = null;
  const credential = {
    id: b64u([1, 2, 3]), rawId: new Uint8Array([1, 2, 3]).buffer, type: "public-key", authenticatorAttachment: "cross-platform",
    getClientExtensionResults: () => ({}),
    response: mode === "register"
      ? { clientDataJSON: new Uint8Array([123, 125]).buffer, attestationObject: new Uint8Array([250, 251, 252]).buffer, getTransports: () => ["usb"] }
      : { clientDataJSON: new Uint8Array([123, 125]).buffer, authenticatorData: new Uint8Array([9, 9]).buffer, signature: new Uint8Array([255, 254]).buffer, userHandle: new Uint8Array([7]).buffer },
  };
  let seenOptions = null;
  const navigator = { credentials: {
    create: async (o) => { seenOptions = o; if (credError) throw Object.assign(new Error("x"), { name: credError }); return credential; },
    get: async (o) => { seenOptions = o; if (credError) throw Object.assign(new Error("x"), { name: credError }); return credential; },
  } };
  const window = {
    atob: (s) => Buffer.from(s, "base64").toString("binary"), btoa: (s) => Buffer.from(s, "binary").toString("base64"),
    fetch: async (url, init) => { calls.push({ url, init }); const r = url === "/opts" ? optionsResp : finalResp; return { ok: r.ok, json: async () => r.data }; },
    location: { assign: (u) => { assigned = u; } },
  };
  if (supported) window.PublicKeyCredential = function () {};
  const document = { readyState: "complete", cookie: "", querySelectorAll: (s) => dom.root.querySelectorAll(s), createElement: (t) => makeEl(t), addEventListener() {} };
  vm.runInNewContext(src, { window, document, navigator, Uint8Array, Object, Array, JSON, String, decodeURIComponent });
  if (!supported) return { dom, calls };
  assert.strictEqual(dom.form.hidden, false, "form shown when supported");
  dom.form.listeners.submit[0]({ preventDefault() {} });
  await new Promise((r) => setTimeout(r, 20));
  return { dom, calls, assigned, seenOptions };
}
(async () => {
  // unsupported: form stays hidden, note shown
  let r = await scenario({ mode: "register", supported: false });
  assert.strictEqual(r.dom.form.hidden, true); assert.strictEqual(r.dom.note.hidden, false);
  // register success
  const regOpts = { rp: { id: "localhost", name: "MT Login" }, user: { id: b64u([5, 6]), name: "***", displayName: "M" }, challenge: b64u([1, 2, 3, 4, 5]), pubKeyCredParams: [{ type: "public-key", alg: -7 }], excludeCredentials: [{ id: b64u([9]), type: "public-key", transports: ["usb"] }], attestation: "none" };
  r = await scenario({ mode: "register", optionsResp: { ok: true, data: regOpts }, finalResp: { ok: true, data: { redirect: "/conta/segundo-fator/" } } });
  assert.deepStrictEqual(JSON.parse(r.calls[0].init.body), { name: "Minha chave" });
  assert.strictEqual(r.calls[0].init.headers["X-CSRFToken"], "tok");
  assert.deepStrictEqual([...new Uint8Array(r.seenOptions.publicKey.challenge)], [1, 2, 3, 4, 5]);
  assert.deepStrictEqual([...new Uint8Array(r.seenOptions.publicKey.user.id)], [5, 6]);
  assert.deepStrictEqual([...new Uint8Array(r.seenOptions.publicKey.excludeCredentials[0].id)], [9]);
  const posted = JSON.parse(r.calls[1].init.body).credential;
  assert.strictEqual(r.calls[1].url, "/reg");
  assert.strictEqual(posted.rawId, b64u([1, 2, 3])); assert.strictEqual(posted.response.attestationObject, b64u([250, 251, 252]));
  assert.strictEqual(posted.response.clientDataJSON, b64u([123, 125])); assert.deepStrictEqual(posted.response.transports, ["usb"]);
  assert.strictEqual(r.assigned, "/conta/segundo-fator/");
  // authenticate success
  const authOpts = { rpId: "localhost", challenge: b64u([250, 255, 0]), allowCredentials: [{ id: b64u([1, 2, 3]), type: "public-key" }], userVerification: "preferred" };
  r = await scenario({ mode: "authenticate", optionsResp: { ok: true, data: authOpts }, finalResp: { ok: true, data: { redirect: "/destino/" } } });
  assert.deepStrictEqual(JSON.parse(r.calls[0].init.body), {});
  assert.deepStrictEqual([...new Uint8Array(r.seenOptions.publicKey.challenge)], [250, 255, 0]);
  const a = JSON.parse(r.calls[1].init.body).credential;
  assert.strictEqual(a.response.signature, b64u([255, 254])); assert.strictEqual(a.response.authenticatorData, b64u([9, 9])); assert.strictEqual(a.response.userHandle, b64u([7]));
  assert.strictEqual(r.assigned, "/destino/");
  // server error on options -> shown, button re-enabled
  r = await scenario({ mode: "register", optionsResp: { ok: false, data: { error: "Dê um nome à chave." } } });
  assert.strictEqual(r.dom.status.children[0].children[0].children[0].textContent, "Dê um nome à chave.");
  assert.strictEqual(r.dom.status.children[0].attrs.role, "alert"); assert.strictEqual(r.dom.button.disabled, false);
  // user cancelled
  r = await scenario({ mode: "authenticate", optionsResp: { ok: true, data: authOpts }, credError: "NotAllowedError" });
  assert.strictEqual(r.dom.status.children[0].children[0].children[0].textContent, "C"); assert.strictEqual(r.calls.length, 1);
  r = await scenario({ mode: "register", optionsResp: { ok: true, data: regOpts }, credError: "InvalidStateError" });
  assert.strictEqual(r.dom.status.children[0].children[0].children[0].textContent, "E");
  // final refusal with redirect (pending ended)
  r = await scenario({ mode: "authenticate", optionsResp: { ok: true, data: authOpts }, finalResp: { ok: false, data: { error: "Muitas", redirect: "/conta/entrar/" } } });
  assert.strictEqual(r.assigned, "/conta/entrar/");
  console.log("webauthn.js harness: all scenarios OK");
})().catch((e) => { console.error(e); process.exit(1); });
