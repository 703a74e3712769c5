"""Generated stubs for package facet.v1 (do not edit; regenerate with scripts/gen_protos.sh)."""
