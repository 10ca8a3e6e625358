"""govfacts: numeric claims from Chinese local-government publications."""

__version__ = "0.1.0"
