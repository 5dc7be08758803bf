"""Rule books shipped with tracker, as TOML data (see tracker.domain.rules)."""
