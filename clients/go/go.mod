// The Go client: generated stubs (package facetv1) and connection/error helpers (facetclient).
// The module path matches go_package in protos/facet/v1/*.proto; change both together when the
// repository is published under another path. Versions are the oldest this code is tested with
// (Debian bookworm's packages); `go mod tidy` in your module resolves and records them.
module github.com/facet-dev/facet/clients/go

go 1.19

require (
	google.golang.org/genproto v0.0.0-20200413115906-b5235f65be36
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
