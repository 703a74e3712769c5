"""Generated Python stubs for the Facet public API (do not edit; see scripts/gen_protos.sh)."""
