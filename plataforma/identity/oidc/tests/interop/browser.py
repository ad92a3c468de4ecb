"""A minimal scripted browser for the interoperability tests: an httpx client that keeps cookies,
follows redirects only inside the provider (a redirect to the relying party's redirect_uri is
where the browser's part ends), and fills and submits HTML forms found with html.parser.

No network beyond the provider under test: redirects that leave its origin are returned, never
followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    # (name, value) of every named submit button, in document order
    buttons: list[tuple[str, str]] = field(default_factory=list)
    input_types: dict[str, str] = field(default_factory=dict)

    def data(self, button: str | None = None, **values: str) -> dict[str, str]:
        """The fields as a browser would send them, with `values` filled in and the submit
        button named `button` (its value included) pressed."""
        unknown = set(values) - set(self.fields)
        if unknown:
            raise AssertionError(f"form has no field(s) {sorted(unknown)}; it has {sorted(self.fields)}")
        data = {**self.fields, **values}
        if button is not None:
            matches = [value for name, value in self.buttons if name == button]
            if not matches:
                raise AssertionError(f"form has no submit button {button!r}; it has {self.buttons}")
            data[button] = matches[0]
        return data


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._current = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._current)
            return
        form = self._current
        if form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                form.buttons.append((a["name"], a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                form.input_types[a["name"]] = kind
                if "checked" in a:
                    form.fields[a["name"]] = a.get("value", "on")
            else:
                form.input_types[a["name"]] = kind
                form.fields[a["name"]] = a.get("value", "")
        elif tag == "button" and a.get("name") and a.get("type", "submit").lower() == "submit":
            form.buttons.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            form.input_types[a["name"]] = "textarea"
            form.fields[a["name"]] = ""
            self._textarea = a["name"]

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._textarea:
            self._current.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "textarea":
            self._textarea = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


class Browser:
    """One person's browser against the provider at `base_url`."""

    MAX_HOPS = 15

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.base_url))
        self.http = httpx.Client(base_url=self.base_url, follow_redirects=False, timeout=30)
        self.history: list[httpx.Response] = []

    def close(self) -> None:
        self.http.close()

    def _inside(self, url: str) -> bool:
        return urljoin(self.base_url + "/", url).startswith(self.origin + "/")

    def _follow(self, response: httpx.Response) -> httpx.Response:
        hops = 0
        while response.is_redirect:
            self.history.append(response)
            location = urljoin(str(response.url), response.headers["location"])
            if not self._inside(location):
                return response  # reached the relying party: the browser's job ends here
            hops += 1
            if hops > self.MAX_HOPS:
                raise AssertionError(f"redirect loop: {[str(r.url) for r in self.history[-5:]]}")
            response = self.http.get(location)
        self.history.append(response)
        return response

    def get(self, url: str) -> httpx.Response:
        return self._follow(self.http.get(url))

    def submit(self, response: httpx.Response, form: Form, data: dict[str, str]) -> httpx.Response:
        action = urljoin(str(response.url), form.action or str(response.url))
        assert self._inside(action), f"form posts outside the provider: {action}"
        headers = {"Referer": str(response.url)}
        if form.method == "post":
            return self._follow(self.http.post(action, data=data, headers=headers))
        return self._follow(self.http.get(action, params=data, headers=headers))

    @staticmethod
    def form_with(
        response: httpx.Response, *, field_name: str | None = None, button: str | None = None
    ) -> Form:
        """The first form of the page that has the field `field_name` and/or the button `button`."""
        for form in parse_forms(response.text):
            if field_name and field_name not in form.fields:
                continue
            if button and button not in {name for name, _ in form.buttons}:
                continue
            return form
        raise AssertionError(
            f"no form with field={field_name!r} button={button!r} on {response.url} "
            f"(status {response.status_code}): {response.text[:600]}"
        )

    # --- the steps of MT Login ------------------------------------------------------------
    def sign_in(self, response: httpx.Response, *, cpf: str, password: str) -> httpx.Response:
        """Fill the sign-in page (`response`) with CPF and password and submit it."""
        form = self.form_with(response, field_name="password")
        cpf_field = next(
            (name for name in ("username", "cpf") if name in form.fields),
            None,
        )
        assert cpf_field, f"sign-in form without a CPF field: {form.fields}"
        assert "csrfmiddlewaretoken" in form.fields, "sign-in form without a CSRF token"
        return self.submit(response, form, form.data(**{cpf_field: cpf, "password": password}))

    def consent(self, response: httpx.Response, *, allow: bool = True) -> httpx.Response:
        """Answer the consent page: press "allow" or the other (cancel) button."""
        form = self.form_with(response, button="allow")
        if allow:
            return self.submit(response, form, form.data(button="allow"))
        return self.submit(response, form, form.data())

    def authorize(self, url: str, *, cpf: str | None = None, password: str | None = None) -> httpx.Response:
        """Open an authorization URL and go through sign-in (when asked) and consent (when
        asked) until the provider sends the browser back to the relying party."""
        response = self.get(url)
        for _ in range(4):
            if response.is_redirect:
                return response
            assert response.status_code == 200, (
                f"unexpected {response.status_code} at {response.url}: {response.text[:800]}"
            )
            forms = parse_forms(response.text)
            if any("password" in f.fields for f in forms):
                assert cpf and password, "the provider asked for a sign-in"
                response = self.sign_in(response, cpf=cpf, password=password)
            elif any("allow" in {n for n, _ in f.buttons} for f in forms):
                response = self.consent(response)
            else:
                raise AssertionError(f"stuck at {response.url}: {response.text[:800]}")
        raise AssertionError("the provider never sent the browser back to the relying party")


def callback_params(response: httpx.Response) -> dict[str, str]:
    """Query (or fragment) parameters of the redirect back to the relying party."""
    assert response.is_redirect, f"expected a redirect, got {response.status_code}: {response.text[:500]}"
    location = response.headers["location"]
    parts = urlsplit(location)
    params = parse_qs(parts.query) or parse_qs(parts.fragment)
    return {k: v[0] for k, v in params.items()}
