"""Generated stubs for package facet.v1 (do not edit the *_pb2* files; regenerate with `make protos`)."""
