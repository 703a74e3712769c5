"""The single public endpoint: routes each call to its service by gRPC service name."""
