"""The `facet` command line (console script of the facet-client package)."""
