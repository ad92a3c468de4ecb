"""Public views of the catalogue (the editor back office lives in its own modules)."""
