"""The web app: a versioned JSON API over the same use cases as the CLI (issue 4)."""
