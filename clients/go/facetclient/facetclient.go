// Package facetclient connects to the Facet gateway and reads Facet's error details.
//
//	conn, err := facetclient.Dial(facetclient.Options{Endpoint: "127.0.0.1:50051"})
//	faces := facetv1.NewFaceServiceClient(conn)
//	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
//	reply, err := faces.DetectFaces(ctx, &facetv1.DetectFacesRequest{Image: &facetv1.Image{Source: &facetv1.Image_Bytes{Bytes: data}}})
//	if info := facetclient.ErrorInfo(err); info != nil { fmt.Println(info.Reason) }
package facetclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"strings"
	"unicode"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
)

// Options say where the gateway is and how to authenticate to it.
type Options struct {
	// Endpoint is any gRPC target: "host:port", or "dns:///name:port" to balance over replicas.
	Endpoint string
	// APIKey, when set, is sent as "authorization: Bearer <APIKey>" on every call.
	APIKey string
	// TLS verifies the gateway with the system roots, or with CAFile (PEM) when set.
	TLS    bool
	CAFile string
}

// roundRobin spreads calls over every address the target resolves to (replicas behind DNS).
const roundRobin = `{"loadBalancingConfig": [{"round_robin": {}}]}`

type bearer struct {
	token  string
	secure bool
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

// RequireTransportSecurity is false so a key also works on a loopback plaintext gateway.
func (b bearer) RequireTransportSecurity() bool { return b.secure }

// Dial opens a connection to the gateway with the options' credentials.
func Dial(o Options) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithDefaultServiceConfig(roundRobin)}
	secure := o.TLS || o.CAFile != ""
	if secure {
		config := &tls.Config{}
		if o.CAFile != "" {
			pem, err := os.ReadFile(o.CAFile)
			if err != nil {
				return nil, err
			}
			roots := x509.NewCertPool()
			if !roots.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("no PEM certificate in %s", o.CAFile)
			}
			config.RootCAs = roots
		}
		opts = append(opts, grpc.WithTransportCredentials(credentials.NewTLS(config)))
	} else {
		opts = append(opts, grpc.WithInsecure())
	}
	if o.APIKey != "" {
		opts = append(opts, grpc.WithPerRPCCredentials(bearer{token: o.APIKey, secure: secure}))
	}
	return grpc.Dial(o.Endpoint, opts...)
}

// ErrorInfo returns the google.rpc.ErrorInfo of a failed call (Reason is a facet.v1.ErrorReason
// name), or nil when err carries none.
func ErrorInfo(err error) *errdetails.ErrorInfo {
	for _, detail := range status.Convert(err).Details() {
		if info, ok := detail.(*errdetails.ErrorInfo); ok {
			return info
		}
	}
	return nil
}

// CodeName is the status code of err as the gRPC spec and the other Facet clients spell it
// ("INVALID_ARGUMENT"; Go's codes.Code.String() says "InvalidArgument").
func CodeName(err error) string {
	var name strings.Builder
	for i, r := range status.Code(err).String() {
		if i > 0 && unicode.IsUpper(r) {
			name.WriteByte('_')
		}
		name.WriteRune(unicode.ToUpper(r))
	}
	return name.String()
}

// RetryInfo returns the google.rpc.RetryInfo of a failed call (how long to wait), or nil.
func RetryInfo(err error) *errdetails.RetryInfo {
	for _, detail := range status.Convert(err).Details() {
		if info, ok := detail.(*errdetails.RetryInfo); ok {
			return info
		}
	}
	return nil
}
