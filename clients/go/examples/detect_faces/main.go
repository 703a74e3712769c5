// Detects faces in an image (or compares a face across two) through the Facet gateway and
// prints the response as JSON.
//
//	go run ./examples/detect_faces detect IMAGE
//	go run ./examples/detect_faces compare SOURCE TARGET
//
// FACET_ENDPOINT (default 127.0.0.1:50051) and FACET_API_KEY configure the connection. A failed
// call prints {"error": {"code", "reason", "message"}} and exits with status 1.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/facet-dev/facet/clients/go/facetclient"
	"github.com/facet-dev/facet/clients/go/facetv1"
)

func image(path string) *facetv1.Image {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	return &facetv1.Image{Source: &facetv1.Image_Bytes{Bytes: data}}
}

func main() {
	if len(os.Args) < 3 || (os.Args[1] == "compare" && len(os.Args) < 4) {
		fmt.Fprintln(os.Stderr, "usage: detect_faces detect IMAGE | compare SOURCE TARGET")
		os.Exit(2)
	}
	endpoint := os.Getenv("FACET_ENDPOINT")
	if endpoint == "" {
		endpoint = "127.0.0.1:50051"
	}
	conn, err := facetclient.Dial(facetclient.Options{Endpoint: endpoint, APIKey: os.Getenv("FACET_API_KEY")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer conn.Close()
	faces := facetv1.NewFaceServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var reply proto.Message
	if os.Args[1] == "compare" {
		reply, err = faces.CompareFaces(ctx, &facetv1.CompareFacesRequest{
			SourceImage: image(os.Args[2]), TargetImage: image(os.Args[3])})
	} else {
		reply, err = faces.DetectFaces(ctx, &facetv1.DetectFacesRequest{
			Image: image(os.Args[2]), Attributes: []facetv1.FaceAttribute{facetv1.FaceAttribute_FACE_ATTRIBUTE_ALL}})
	}
	if err != nil {
		failure := map[string]string{"code": facetclient.CodeName(err), "message": status.Convert(err).Message()}
		if info := facetclient.ErrorInfo(err); info != nil {
			failure["reason"] = info.Reason
		}
		out, _ := json.Marshal(map[string]interface{}{"error": failure})
		fmt.Println(string(out))
		os.Exit(1)
	}
	fmt.Println(protojson.MarshalOptions{UseProtoNames: true}.Format(reply))
}
