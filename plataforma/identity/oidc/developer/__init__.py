"""The developers' page of MT Login: how an agency registers a client application and integrates
its system (issue #3). Read-only; the endpoints come from the provider's own discovery document."""
