package dev.facet.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Creates, lists and deletes face collections, indexes faces into them and
 * searches them.
 * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
 * "facet.v1" and a reason from `ErrorReason` (see common.proto). Common to
 * every method:
 * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: a field is malformed or out
 *   of range; ErrorInfo.metadata["field"] names it.
 * * NOT_FOUND, reason `COLLECTION_NOT_FOUND`: no collection has that id.
 * * FAILED_PRECONDITION, reason `FACE_MODEL_MISMATCH`: the collection was
 *   built with another face model than the one this server runs; its vectors
 *   cannot be compared with new ones. Re-index the faces into a new
 *   collection.
 * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
 *   inference backend is starting or down (methods that take an image).
 * * DEADLINE_EXCEEDED, reason `DEADLINE_EXCEEDED`: the call's deadline would
 *   pass before the analysis finished (methods that take an image).
 * * UNAVAILABLE, reason `SERVICE_UNAVAILABLE`: through the gateway, the
 *   collection service cannot be reached; safe to retry with backoff.
 * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: facet/v1/collections.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class CollectionServiceGrpc {

  private CollectionServiceGrpc() {}

  public static final String SERVICE_NAME = "facet.v1.CollectionService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.CreateCollectionRequest,
      dev.facet.v1.CreateCollectionResponse> getCreateCollectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateCollection",
      requestType = dev.facet.v1.CreateCollectionRequest.class,
      responseType = dev.facet.v1.CreateCollectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.CreateCollectionRequest,
      dev.facet.v1.CreateCollectionResponse> getCreateCollectionMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.CreateCollectionRequest, dev.facet.v1.CreateCollectionResponse> getCreateCollectionMethod;
    if ((getCreateCollectionMethod = CollectionServiceGrpc.getCreateCollectionMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getCreateCollectionMethod = CollectionServiceGrpc.getCreateCollectionMethod) == null) {
          CollectionServiceGrpc.getCreateCollectionMethod = getCreateCollectionMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.CreateCollectionRequest, dev.facet.v1.CreateCollectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateCollection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.CreateCollectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.CreateCollectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("CreateCollection"))
              .build();
        }
      }
    }
    return getCreateCollectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DeleteCollectionRequest,
      dev.facet.v1.DeleteCollectionResponse> getDeleteCollectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteCollection",
      requestType = dev.facet.v1.DeleteCollectionRequest.class,
      responseType = dev.facet.v1.DeleteCollectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DeleteCollectionRequest,
      dev.facet.v1.DeleteCollectionResponse> getDeleteCollectionMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DeleteCollectionRequest, dev.facet.v1.DeleteCollectionResponse> getDeleteCollectionMethod;
    if ((getDeleteCollectionMethod = CollectionServiceGrpc.getDeleteCollectionMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getDeleteCollectionMethod = CollectionServiceGrpc.getDeleteCollectionMethod) == null) {
          CollectionServiceGrpc.getDeleteCollectionMethod = getDeleteCollectionMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DeleteCollectionRequest, dev.facet.v1.DeleteCollectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteCollection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DeleteCollectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DeleteCollectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("DeleteCollection"))
              .build();
        }
      }
    }
    return getDeleteCollectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.ListCollectionsRequest,
      dev.facet.v1.ListCollectionsResponse> getListCollectionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListCollections",
      requestType = dev.facet.v1.ListCollectionsRequest.class,
      responseType = dev.facet.v1.ListCollectionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.ListCollectionsRequest,
      dev.facet.v1.ListCollectionsResponse> getListCollectionsMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.ListCollectionsRequest, dev.facet.v1.ListCollectionsResponse> getListCollectionsMethod;
    if ((getListCollectionsMethod = CollectionServiceGrpc.getListCollectionsMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getListCollectionsMethod = CollectionServiceGrpc.getListCollectionsMethod) == null) {
          CollectionServiceGrpc.getListCollectionsMethod = getListCollectionsMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.ListCollectionsRequest, dev.facet.v1.ListCollectionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListCollections"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.ListCollectionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.ListCollectionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("ListCollections"))
              .build();
        }
      }
    }
    return getListCollectionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DescribeCollectionRequest,
      dev.facet.v1.DescribeCollectionResponse> getDescribeCollectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DescribeCollection",
      requestType = dev.facet.v1.DescribeCollectionRequest.class,
      responseType = dev.facet.v1.DescribeCollectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DescribeCollectionRequest,
      dev.facet.v1.DescribeCollectionResponse> getDescribeCollectionMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DescribeCollectionRequest, dev.facet.v1.DescribeCollectionResponse> getDescribeCollectionMethod;
    if ((getDescribeCollectionMethod = CollectionServiceGrpc.getDescribeCollectionMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getDescribeCollectionMethod = CollectionServiceGrpc.getDescribeCollectionMethod) == null) {
          CollectionServiceGrpc.getDescribeCollectionMethod = getDescribeCollectionMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DescribeCollectionRequest, dev.facet.v1.DescribeCollectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DescribeCollection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DescribeCollectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DescribeCollectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("DescribeCollection"))
              .build();
        }
      }
    }
    return getDescribeCollectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.IndexFacesRequest,
      dev.facet.v1.IndexFacesResponse> getIndexFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "IndexFaces",
      requestType = dev.facet.v1.IndexFacesRequest.class,
      responseType = dev.facet.v1.IndexFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.IndexFacesRequest,
      dev.facet.v1.IndexFacesResponse> getIndexFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.IndexFacesRequest, dev.facet.v1.IndexFacesResponse> getIndexFacesMethod;
    if ((getIndexFacesMethod = CollectionServiceGrpc.getIndexFacesMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getIndexFacesMethod = CollectionServiceGrpc.getIndexFacesMethod) == null) {
          CollectionServiceGrpc.getIndexFacesMethod = getIndexFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.IndexFacesRequest, dev.facet.v1.IndexFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "IndexFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.IndexFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.IndexFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("IndexFaces"))
              .build();
        }
      }
    }
    return getIndexFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.ListFacesRequest,
      dev.facet.v1.ListFacesResponse> getListFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListFaces",
      requestType = dev.facet.v1.ListFacesRequest.class,
      responseType = dev.facet.v1.ListFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.ListFacesRequest,
      dev.facet.v1.ListFacesResponse> getListFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.ListFacesRequest, dev.facet.v1.ListFacesResponse> getListFacesMethod;
    if ((getListFacesMethod = CollectionServiceGrpc.getListFacesMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getListFacesMethod = CollectionServiceGrpc.getListFacesMethod) == null) {
          CollectionServiceGrpc.getListFacesMethod = getListFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.ListFacesRequest, dev.facet.v1.ListFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.ListFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.ListFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("ListFaces"))
              .build();
        }
      }
    }
    return getListFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DeleteFacesRequest,
      dev.facet.v1.DeleteFacesResponse> getDeleteFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteFaces",
      requestType = dev.facet.v1.DeleteFacesRequest.class,
      responseType = dev.facet.v1.DeleteFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DeleteFacesRequest,
      dev.facet.v1.DeleteFacesResponse> getDeleteFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DeleteFacesRequest, dev.facet.v1.DeleteFacesResponse> getDeleteFacesMethod;
    if ((getDeleteFacesMethod = CollectionServiceGrpc.getDeleteFacesMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getDeleteFacesMethod = CollectionServiceGrpc.getDeleteFacesMethod) == null) {
          CollectionServiceGrpc.getDeleteFacesMethod = getDeleteFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DeleteFacesRequest, dev.facet.v1.DeleteFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DeleteFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DeleteFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("DeleteFaces"))
              .build();
        }
      }
    }
    return getDeleteFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.SearchFacesRequest,
      dev.facet.v1.SearchFacesResponse> getSearchFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchFaces",
      requestType = dev.facet.v1.SearchFacesRequest.class,
      responseType = dev.facet.v1.SearchFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.SearchFacesRequest,
      dev.facet.v1.SearchFacesResponse> getSearchFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.SearchFacesRequest, dev.facet.v1.SearchFacesResponse> getSearchFacesMethod;
    if ((getSearchFacesMethod = CollectionServiceGrpc.getSearchFacesMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getSearchFacesMethod = CollectionServiceGrpc.getSearchFacesMethod) == null) {
          CollectionServiceGrpc.getSearchFacesMethod = getSearchFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.SearchFacesRequest, dev.facet.v1.SearchFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("SearchFaces"))
              .build();
        }
      }
    }
    return getSearchFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.SearchFacesByImageRequest,
      dev.facet.v1.SearchFacesByImageResponse> getSearchFacesByImageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchFacesByImage",
      requestType = dev.facet.v1.SearchFacesByImageRequest.class,
      responseType = dev.facet.v1.SearchFacesByImageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.SearchFacesByImageRequest,
      dev.facet.v1.SearchFacesByImageResponse> getSearchFacesByImageMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.SearchFacesByImageRequest, dev.facet.v1.SearchFacesByImageResponse> getSearchFacesByImageMethod;
    if ((getSearchFacesByImageMethod = CollectionServiceGrpc.getSearchFacesByImageMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getSearchFacesByImageMethod = CollectionServiceGrpc.getSearchFacesByImageMethod) == null) {
          CollectionServiceGrpc.getSearchFacesByImageMethod = getSearchFacesByImageMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.SearchFacesByImageRequest, dev.facet.v1.SearchFacesByImageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchFacesByImage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchFacesByImageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchFacesByImageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("SearchFacesByImage"))
              .build();
        }
      }
    }
    return getSearchFacesByImageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.CreateUserRequest,
      dev.facet.v1.CreateUserResponse> getCreateUserMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateUser",
      requestType = dev.facet.v1.CreateUserRequest.class,
      responseType = dev.facet.v1.CreateUserResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.CreateUserRequest,
      dev.facet.v1.CreateUserResponse> getCreateUserMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.CreateUserRequest, dev.facet.v1.CreateUserResponse> getCreateUserMethod;
    if ((getCreateUserMethod = CollectionServiceGrpc.getCreateUserMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getCreateUserMethod = CollectionServiceGrpc.getCreateUserMethod) == null) {
          CollectionServiceGrpc.getCreateUserMethod = getCreateUserMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.CreateUserRequest, dev.facet.v1.CreateUserResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateUser"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.CreateUserRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.CreateUserResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("CreateUser"))
              .build();
        }
      }
    }
    return getCreateUserMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DeleteUserRequest,
      dev.facet.v1.DeleteUserResponse> getDeleteUserMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteUser",
      requestType = dev.facet.v1.DeleteUserRequest.class,
      responseType = dev.facet.v1.DeleteUserResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DeleteUserRequest,
      dev.facet.v1.DeleteUserResponse> getDeleteUserMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DeleteUserRequest, dev.facet.v1.DeleteUserResponse> getDeleteUserMethod;
    if ((getDeleteUserMethod = CollectionServiceGrpc.getDeleteUserMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getDeleteUserMethod = CollectionServiceGrpc.getDeleteUserMethod) == null) {
          CollectionServiceGrpc.getDeleteUserMethod = getDeleteUserMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DeleteUserRequest, dev.facet.v1.DeleteUserResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteUser"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DeleteUserRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DeleteUserResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("DeleteUser"))
              .build();
        }
      }
    }
    return getDeleteUserMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.ListUsersRequest,
      dev.facet.v1.ListUsersResponse> getListUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListUsers",
      requestType = dev.facet.v1.ListUsersRequest.class,
      responseType = dev.facet.v1.ListUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.ListUsersRequest,
      dev.facet.v1.ListUsersResponse> getListUsersMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.ListUsersRequest, dev.facet.v1.ListUsersResponse> getListUsersMethod;
    if ((getListUsersMethod = CollectionServiceGrpc.getListUsersMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getListUsersMethod = CollectionServiceGrpc.getListUsersMethod) == null) {
          CollectionServiceGrpc.getListUsersMethod = getListUsersMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.ListUsersRequest, dev.facet.v1.ListUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.ListUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.ListUsersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("ListUsers"))
              .build();
        }
      }
    }
    return getListUsersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.AssociateFacesRequest,
      dev.facet.v1.AssociateFacesResponse> getAssociateFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AssociateFaces",
      requestType = dev.facet.v1.AssociateFacesRequest.class,
      responseType = dev.facet.v1.AssociateFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.AssociateFacesRequest,
      dev.facet.v1.AssociateFacesResponse> getAssociateFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.AssociateFacesRequest, dev.facet.v1.AssociateFacesResponse> getAssociateFacesMethod;
    if ((getAssociateFacesMethod = CollectionServiceGrpc.getAssociateFacesMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getAssociateFacesMethod = CollectionServiceGrpc.getAssociateFacesMethod) == null) {
          CollectionServiceGrpc.getAssociateFacesMethod = getAssociateFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.AssociateFacesRequest, dev.facet.v1.AssociateFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AssociateFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.AssociateFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.AssociateFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("AssociateFaces"))
              .build();
        }
      }
    }
    return getAssociateFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DisassociateFacesRequest,
      dev.facet.v1.DisassociateFacesResponse> getDisassociateFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DisassociateFaces",
      requestType = dev.facet.v1.DisassociateFacesRequest.class,
      responseType = dev.facet.v1.DisassociateFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DisassociateFacesRequest,
      dev.facet.v1.DisassociateFacesResponse> getDisassociateFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DisassociateFacesRequest, dev.facet.v1.DisassociateFacesResponse> getDisassociateFacesMethod;
    if ((getDisassociateFacesMethod = CollectionServiceGrpc.getDisassociateFacesMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getDisassociateFacesMethod = CollectionServiceGrpc.getDisassociateFacesMethod) == null) {
          CollectionServiceGrpc.getDisassociateFacesMethod = getDisassociateFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DisassociateFacesRequest, dev.facet.v1.DisassociateFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DisassociateFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DisassociateFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DisassociateFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("DisassociateFaces"))
              .build();
        }
      }
    }
    return getDisassociateFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.SearchUsersRequest,
      dev.facet.v1.SearchUsersResponse> getSearchUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchUsers",
      requestType = dev.facet.v1.SearchUsersRequest.class,
      responseType = dev.facet.v1.SearchUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.SearchUsersRequest,
      dev.facet.v1.SearchUsersResponse> getSearchUsersMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.SearchUsersRequest, dev.facet.v1.SearchUsersResponse> getSearchUsersMethod;
    if ((getSearchUsersMethod = CollectionServiceGrpc.getSearchUsersMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getSearchUsersMethod = CollectionServiceGrpc.getSearchUsersMethod) == null) {
          CollectionServiceGrpc.getSearchUsersMethod = getSearchUsersMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.SearchUsersRequest, dev.facet.v1.SearchUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchUsersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("SearchUsers"))
              .build();
        }
      }
    }
    return getSearchUsersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.SearchUsersByImageRequest,
      dev.facet.v1.SearchUsersByImageResponse> getSearchUsersByImageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchUsersByImage",
      requestType = dev.facet.v1.SearchUsersByImageRequest.class,
      responseType = dev.facet.v1.SearchUsersByImageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.SearchUsersByImageRequest,
      dev.facet.v1.SearchUsersByImageResponse> getSearchUsersByImageMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.SearchUsersByImageRequest, dev.facet.v1.SearchUsersByImageResponse> getSearchUsersByImageMethod;
    if ((getSearchUsersByImageMethod = CollectionServiceGrpc.getSearchUsersByImageMethod) == null) {
      synchronized (CollectionServiceGrpc.class) {
        if ((getSearchUsersByImageMethod = CollectionServiceGrpc.getSearchUsersByImageMethod) == null) {
          CollectionServiceGrpc.getSearchUsersByImageMethod = getSearchUsersByImageMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.SearchUsersByImageRequest, dev.facet.v1.SearchUsersByImageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchUsersByImage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchUsersByImageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.SearchUsersByImageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CollectionServiceMethodDescriptorSupplier("SearchUsersByImage"))
              .build();
        }
      }
    }
    return getSearchUsersByImageMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static CollectionServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CollectionServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CollectionServiceStub>() {
        @java.lang.Override
        public CollectionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CollectionServiceStub(channel, callOptions);
        }
      };
    return CollectionServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static CollectionServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CollectionServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CollectionServiceBlockingStub>() {
        @java.lang.Override
        public CollectionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CollectionServiceBlockingStub(channel, callOptions);
        }
      };
    return CollectionServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static CollectionServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CollectionServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CollectionServiceFutureStub>() {
        @java.lang.Override
        public CollectionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CollectionServiceFutureStub(channel, callOptions);
        }
      };
    return CollectionServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Creates, lists and deletes face collections, indexes faces into them and
   * searches them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Common to
   * every method:
   * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: a field is malformed or out
   *   of range; ErrorInfo.metadata["field"] names it.
   * * NOT_FOUND, reason `COLLECTION_NOT_FOUND`: no collection has that id.
   * * FAILED_PRECONDITION, reason `FACE_MODEL_MISMATCH`: the collection was
   *   built with another face model than the one this server runs; its vectors
   *   cannot be compared with new ones. Re-index the faces into a new
   *   collection.
   * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
   *   inference backend is starting or down (methods that take an image).
   * * DEADLINE_EXCEEDED, reason `DEADLINE_EXCEEDED`: the call's deadline would
   *   pass before the analysis finished (methods that take an image).
   * * UNAVAILABLE, reason `SERVICE_UNAVAILABLE`: through the gateway, the
   *   collection service cannot be reached; safe to retry with backoff.
   * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
   * </pre>
   */
  public static abstract class CollectionServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Creates an empty collection. ALREADY_EXISTS, reason
     * `COLLECTION_ALREADY_EXISTS`, if the id is taken.
     * </pre>
     */
    public void createCollection(dev.facet.v1.CreateCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.CreateCollectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateCollectionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a collection and every face in it.
     * </pre>
     */
    public void deleteCollection(dev.facet.v1.DeleteCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DeleteCollectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteCollectionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists collection ids in ascending byte order, a page at a time.
     * </pre>
     */
    public void listCollections(dev.facet.v1.ListCollectionsRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.ListCollectionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListCollectionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns a collection's face count, face model version and creation time.
     * </pre>
     */
    public void describeCollection(dev.facet.v1.DescribeCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DescribeCollectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDescribeCollectionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Detects faces in an image and stores, for each face that passes the
     * quality filter (at most `max_faces`, largest first), its embedding and
     * metadata. Faces left out are returned in `unindexed_faces` with the
     * reasons. All faces of one call are stored atomically: once the call
     * returns OK they are durable; a failed call stores none of them.
     * An image without faces is not an error: both lists are empty.
     * </pre>
     */
    public void indexFaces(dev.facet.v1.IndexFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.IndexFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getIndexFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the faces of a collection in ascending face id order, a page at a
     * time.
     * </pre>
     */
    public void listFaces(dev.facet.v1.ListFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.ListFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes faces by id. Ids not in the collection are reported in
     * `unsuccessful_face_deletions`, not as an error.
     * </pre>
     */
    public void deleteFaces(dev.facet.v1.DeleteFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DeleteFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to one of its own faces
     * (which is left out of the results). NOT_FOUND, reason `FACE_NOT_FOUND`,
     * if the face id is not in the collection.
     * </pre>
     */
    public void searchFaces(dev.facet.v1.SearchFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to the largest face in
     * an image. INVALID_ARGUMENT, reason `NO_FACE_IN_IMAGE`, if the image has no
     * face that passes the quality filter; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public void searchFacesByImage(dev.facet.v1.SearchFacesByImageRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchFacesByImageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchFacesByImageMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates a user with no faces (status CREATED). ALREADY_EXISTS, reason
     * `USER_ALREADY_EXISTS`, if the collection has a user with that id.
     * </pre>
     */
    public void createUser(dev.facet.v1.CreateUserRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.CreateUserResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateUserMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a user. Its faces stay in the collection, associated with no
     * user.
     * </pre>
     */
    public void deleteUser(dev.facet.v1.DeleteUserRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DeleteUserResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteUserMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists a collection's users in ascending user id order, a page at a time.
     * </pre>
     */
    public void listUsers(dev.facet.v1.ListUsersRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.ListUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListUsersMethod(), responseObserver);
    }

    /**
     * <pre>
     * Associates faces of the collection with a user. A face is refused (in
     * `unsuccessful_face_associations`, not as an error) if it is not in the
     * collection, already belongs to another user, or matches the user below
     * `user_match_threshold`. The accepted faces are associated atomically
     * and durably before the call returns. A face already associated with
     * this user is reported as associated again.
     * </pre>
     */
    public void associateFaces(dev.facet.v1.AssociateFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.AssociateFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAssociateFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Removes faces from a user (the faces stay in the collection). A face not
     * in the collection or associated with another user (or none) is reported
     * in `unsuccessful_face_disassociations`.
     * </pre>
     */
    public void disassociateFaces(dev.facet.v1.DisassociateFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DisassociateFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDisassociateFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Searches a collection's users with a user's search vector (the user
     * itself is left out) or with one face's embedding (its own user is
     * included). Exactly one of user_id and face_id must be set. NOT_FOUND,
     * reason `FACE_NOT_FOUND`, if the face id is not in the collection.
     * </pre>
     */
    public void searchUsers(dev.facet.v1.SearchUsersRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchUsersMethod(), responseObserver);
    }

    /**
     * <pre>
     * Searches a collection's users with the largest face of an image that
     * passes the quality filter; the other faces are returned in
     * `unsearched_faces` with the reasons. INVALID_ARGUMENT, reason
     * `NO_FACE_IN_IMAGE`, if no face passes; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public void searchUsersByImage(dev.facet.v1.SearchUsersByImageRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchUsersByImageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchUsersByImageMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getCreateCollectionMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.CreateCollectionRequest,
                dev.facet.v1.CreateCollectionResponse>(
                  this, METHODID_CREATE_COLLECTION)))
          .addMethod(
            getDeleteCollectionMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DeleteCollectionRequest,
                dev.facet.v1.DeleteCollectionResponse>(
                  this, METHODID_DELETE_COLLECTION)))
          .addMethod(
            getListCollectionsMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.ListCollectionsRequest,
                dev.facet.v1.ListCollectionsResponse>(
                  this, METHODID_LIST_COLLECTIONS)))
          .addMethod(
            getDescribeCollectionMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DescribeCollectionRequest,
                dev.facet.v1.DescribeCollectionResponse>(
                  this, METHODID_DESCRIBE_COLLECTION)))
          .addMethod(
            getIndexFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.IndexFacesRequest,
                dev.facet.v1.IndexFacesResponse>(
                  this, METHODID_INDEX_FACES)))
          .addMethod(
            getListFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.ListFacesRequest,
                dev.facet.v1.ListFacesResponse>(
                  this, METHODID_LIST_FACES)))
          .addMethod(
            getDeleteFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DeleteFacesRequest,
                dev.facet.v1.DeleteFacesResponse>(
                  this, METHODID_DELETE_FACES)))
          .addMethod(
            getSearchFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.SearchFacesRequest,
                dev.facet.v1.SearchFacesResponse>(
                  this, METHODID_SEARCH_FACES)))
          .addMethod(
            getSearchFacesByImageMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.SearchFacesByImageRequest,
                dev.facet.v1.SearchFacesByImageResponse>(
                  this, METHODID_SEARCH_FACES_BY_IMAGE)))
          .addMethod(
            getCreateUserMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.CreateUserRequest,
                dev.facet.v1.CreateUserResponse>(
                  this, METHODID_CREATE_USER)))
          .addMethod(
            getDeleteUserMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DeleteUserRequest,
                dev.facet.v1.DeleteUserResponse>(
                  this, METHODID_DELETE_USER)))
          .addMethod(
            getListUsersMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.ListUsersRequest,
                dev.facet.v1.ListUsersResponse>(
                  this, METHODID_LIST_USERS)))
          .addMethod(
            getAssociateFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.AssociateFacesRequest,
                dev.facet.v1.AssociateFacesResponse>(
                  this, METHODID_ASSOCIATE_FACES)))
          .addMethod(
            getDisassociateFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DisassociateFacesRequest,
                dev.facet.v1.DisassociateFacesResponse>(
                  this, METHODID_DISASSOCIATE_FACES)))
          .addMethod(
            getSearchUsersMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.SearchUsersRequest,
                dev.facet.v1.SearchUsersResponse>(
                  this, METHODID_SEARCH_USERS)))
          .addMethod(
            getSearchUsersByImageMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.SearchUsersByImageRequest,
                dev.facet.v1.SearchUsersByImageResponse>(
                  this, METHODID_SEARCH_USERS_BY_IMAGE)))
          .build();
    }
  }

  /**
   * <pre>
   * Creates, lists and deletes face collections, indexes faces into them and
   * searches them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Common to
   * every method:
   * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: a field is malformed or out
   *   of range; ErrorInfo.metadata["field"] names it.
   * * NOT_FOUND, reason `COLLECTION_NOT_FOUND`: no collection has that id.
   * * FAILED_PRECONDITION, reason `FACE_MODEL_MISMATCH`: the collection was
   *   built with another face model than the one this server runs; its vectors
   *   cannot be compared with new ones. Re-index the faces into a new
   *   collection.
   * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
   *   inference backend is starting or down (methods that take an image).
   * * DEADLINE_EXCEEDED, reason `DEADLINE_EXCEEDED`: the call's deadline would
   *   pass before the analysis finished (methods that take an image).
   * * UNAVAILABLE, reason `SERVICE_UNAVAILABLE`: through the gateway, the
   *   collection service cannot be reached; safe to retry with backoff.
   * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
   * </pre>
   */
  public static final class CollectionServiceStub extends io.grpc.stub.AbstractAsyncStub<CollectionServiceStub> {
    private CollectionServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CollectionServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CollectionServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an empty collection. ALREADY_EXISTS, reason
     * `COLLECTION_ALREADY_EXISTS`, if the id is taken.
     * </pre>
     */
    public void createCollection(dev.facet.v1.CreateCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.CreateCollectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateCollectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a collection and every face in it.
     * </pre>
     */
    public void deleteCollection(dev.facet.v1.DeleteCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DeleteCollectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteCollectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists collection ids in ascending byte order, a page at a time.
     * </pre>
     */
    public void listCollections(dev.facet.v1.ListCollectionsRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.ListCollectionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListCollectionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns a collection's face count, face model version and creation time.
     * </pre>
     */
    public void describeCollection(dev.facet.v1.DescribeCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DescribeCollectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDescribeCollectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Detects faces in an image and stores, for each face that passes the
     * quality filter (at most `max_faces`, largest first), its embedding and
     * metadata. Faces left out are returned in `unindexed_faces` with the
     * reasons. All faces of one call are stored atomically: once the call
     * returns OK they are durable; a failed call stores none of them.
     * An image without faces is not an error: both lists are empty.
     * </pre>
     */
    public void indexFaces(dev.facet.v1.IndexFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.IndexFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getIndexFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the faces of a collection in ascending face id order, a page at a
     * time.
     * </pre>
     */
    public void listFaces(dev.facet.v1.ListFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.ListFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes faces by id. Ids not in the collection are reported in
     * `unsuccessful_face_deletions`, not as an error.
     * </pre>
     */
    public void deleteFaces(dev.facet.v1.DeleteFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DeleteFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to one of its own faces
     * (which is left out of the results). NOT_FOUND, reason `FACE_NOT_FOUND`,
     * if the face id is not in the collection.
     * </pre>
     */
    public void searchFaces(dev.facet.v1.SearchFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to the largest face in
     * an image. INVALID_ARGUMENT, reason `NO_FACE_IN_IMAGE`, if the image has no
     * face that passes the quality filter; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public void searchFacesByImage(dev.facet.v1.SearchFacesByImageRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchFacesByImageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchFacesByImageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates a user with no faces (status CREATED). ALREADY_EXISTS, reason
     * `USER_ALREADY_EXISTS`, if the collection has a user with that id.
     * </pre>
     */
    public void createUser(dev.facet.v1.CreateUserRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.CreateUserResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateUserMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a user. Its faces stay in the collection, associated with no
     * user.
     * </pre>
     */
    public void deleteUser(dev.facet.v1.DeleteUserRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DeleteUserResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteUserMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists a collection's users in ascending user id order, a page at a time.
     * </pre>
     */
    public void listUsers(dev.facet.v1.ListUsersRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.ListUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListUsersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Associates faces of the collection with a user. A face is refused (in
     * `unsuccessful_face_associations`, not as an error) if it is not in the
     * collection, already belongs to another user, or matches the user below
     * `user_match_threshold`. The accepted faces are associated atomically
     * and durably before the call returns. A face already associated with
     * this user is reported as associated again.
     * </pre>
     */
    public void associateFaces(dev.facet.v1.AssociateFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.AssociateFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAssociateFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Removes faces from a user (the faces stay in the collection). A face not
     * in the collection or associated with another user (or none) is reported
     * in `unsuccessful_face_disassociations`.
     * </pre>
     */
    public void disassociateFaces(dev.facet.v1.DisassociateFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DisassociateFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDisassociateFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Searches a collection's users with a user's search vector (the user
     * itself is left out) or with one face's embedding (its own user is
     * included). Exactly one of user_id and face_id must be set. NOT_FOUND,
     * reason `FACE_NOT_FOUND`, if the face id is not in the collection.
     * </pre>
     */
    public void searchUsers(dev.facet.v1.SearchUsersRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchUsersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Searches a collection's users with the largest face of an image that
     * passes the quality filter; the other faces are returned in
     * `unsearched_faces` with the reasons. INVALID_ARGUMENT, reason
     * `NO_FACE_IN_IMAGE`, if no face passes; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public void searchUsersByImage(dev.facet.v1.SearchUsersByImageRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.SearchUsersByImageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchUsersByImageMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * Creates, lists and deletes face collections, indexes faces into them and
   * searches them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Common to
   * every method:
   * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: a field is malformed or out
   *   of range; ErrorInfo.metadata["field"] names it.
   * * NOT_FOUND, reason `COLLECTION_NOT_FOUND`: no collection has that id.
   * * FAILED_PRECONDITION, reason `FACE_MODEL_MISMATCH`: the collection was
   *   built with another face model than the one this server runs; its vectors
   *   cannot be compared with new ones. Re-index the faces into a new
   *   collection.
   * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
   *   inference backend is starting or down (methods that take an image).
   * * DEADLINE_EXCEEDED, reason `DEADLINE_EXCEEDED`: the call's deadline would
   *   pass before the analysis finished (methods that take an image).
   * * UNAVAILABLE, reason `SERVICE_UNAVAILABLE`: through the gateway, the
   *   collection service cannot be reached; safe to retry with backoff.
   * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
   * </pre>
   */
  public static final class CollectionServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<CollectionServiceBlockingStub> {
    private CollectionServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CollectionServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CollectionServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an empty collection. ALREADY_EXISTS, reason
     * `COLLECTION_ALREADY_EXISTS`, if the id is taken.
     * </pre>
     */
    public dev.facet.v1.CreateCollectionResponse createCollection(dev.facet.v1.CreateCollectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateCollectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a collection and every face in it.
     * </pre>
     */
    public dev.facet.v1.DeleteCollectionResponse deleteCollection(dev.facet.v1.DeleteCollectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteCollectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists collection ids in ascending byte order, a page at a time.
     * </pre>
     */
    public dev.facet.v1.ListCollectionsResponse listCollections(dev.facet.v1.ListCollectionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListCollectionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns a collection's face count, face model version and creation time.
     * </pre>
     */
    public dev.facet.v1.DescribeCollectionResponse describeCollection(dev.facet.v1.DescribeCollectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDescribeCollectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Detects faces in an image and stores, for each face that passes the
     * quality filter (at most `max_faces`, largest first), its embedding and
     * metadata. Faces left out are returned in `unindexed_faces` with the
     * reasons. All faces of one call are stored atomically: once the call
     * returns OK they are durable; a failed call stores none of them.
     * An image without faces is not an error: both lists are empty.
     * </pre>
     */
    public dev.facet.v1.IndexFacesResponse indexFaces(dev.facet.v1.IndexFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getIndexFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the faces of a collection in ascending face id order, a page at a
     * time.
     * </pre>
     */
    public dev.facet.v1.ListFacesResponse listFaces(dev.facet.v1.ListFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes faces by id. Ids not in the collection are reported in
     * `unsuccessful_face_deletions`, not as an error.
     * </pre>
     */
    public dev.facet.v1.DeleteFacesResponse deleteFaces(dev.facet.v1.DeleteFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to one of its own faces
     * (which is left out of the results). NOT_FOUND, reason `FACE_NOT_FOUND`,
     * if the face id is not in the collection.
     * </pre>
     */
    public dev.facet.v1.SearchFacesResponse searchFaces(dev.facet.v1.SearchFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to the largest face in
     * an image. INVALID_ARGUMENT, reason `NO_FACE_IN_IMAGE`, if the image has no
     * face that passes the quality filter; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public dev.facet.v1.SearchFacesByImageResponse searchFacesByImage(dev.facet.v1.SearchFacesByImageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchFacesByImageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a user with no faces (status CREATED). ALREADY_EXISTS, reason
     * `USER_ALREADY_EXISTS`, if the collection has a user with that id.
     * </pre>
     */
    public dev.facet.v1.CreateUserResponse createUser(dev.facet.v1.CreateUserRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a user. Its faces stay in the collection, associated with no
     * user.
     * </pre>
     */
    public dev.facet.v1.DeleteUserResponse deleteUser(dev.facet.v1.DeleteUserRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists a collection's users in ascending user id order, a page at a time.
     * </pre>
     */
    public dev.facet.v1.ListUsersResponse listUsers(dev.facet.v1.ListUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Associates faces of the collection with a user. A face is refused (in
     * `unsuccessful_face_associations`, not as an error) if it is not in the
     * collection, already belongs to another user, or matches the user below
     * `user_match_threshold`. The accepted faces are associated atomically
     * and durably before the call returns. A face already associated with
     * this user is reported as associated again.
     * </pre>
     */
    public dev.facet.v1.AssociateFacesResponse associateFaces(dev.facet.v1.AssociateFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAssociateFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes faces from a user (the faces stay in the collection). A face not
     * in the collection or associated with another user (or none) is reported
     * in `unsuccessful_face_disassociations`.
     * </pre>
     */
    public dev.facet.v1.DisassociateFacesResponse disassociateFaces(dev.facet.v1.DisassociateFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDisassociateFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Searches a collection's users with a user's search vector (the user
     * itself is left out) or with one face's embedding (its own user is
     * included). Exactly one of user_id and face_id must be set. NOT_FOUND,
     * reason `FACE_NOT_FOUND`, if the face id is not in the collection.
     * </pre>
     */
    public dev.facet.v1.SearchUsersResponse searchUsers(dev.facet.v1.SearchUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Searches a collection's users with the largest face of an image that
     * passes the quality filter; the other faces are returned in
     * `unsearched_faces` with the reasons. INVALID_ARGUMENT, reason
     * `NO_FACE_IN_IMAGE`, if no face passes; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public dev.facet.v1.SearchUsersByImageResponse searchUsersByImage(dev.facet.v1.SearchUsersByImageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchUsersByImageMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Creates, lists and deletes face collections, indexes faces into them and
   * searches them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Common to
   * every method:
   * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: a field is malformed or out
   *   of range; ErrorInfo.metadata["field"] names it.
   * * NOT_FOUND, reason `COLLECTION_NOT_FOUND`: no collection has that id.
   * * FAILED_PRECONDITION, reason `FACE_MODEL_MISMATCH`: the collection was
   *   built with another face model than the one this server runs; its vectors
   *   cannot be compared with new ones. Re-index the faces into a new
   *   collection.
   * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
   *   inference backend is starting or down (methods that take an image).
   * * DEADLINE_EXCEEDED, reason `DEADLINE_EXCEEDED`: the call's deadline would
   *   pass before the analysis finished (methods that take an image).
   * * UNAVAILABLE, reason `SERVICE_UNAVAILABLE`: through the gateway, the
   *   collection service cannot be reached; safe to retry with backoff.
   * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
   * </pre>
   */
  public static final class CollectionServiceFutureStub extends io.grpc.stub.AbstractFutureStub<CollectionServiceFutureStub> {
    private CollectionServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CollectionServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CollectionServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates an empty collection. ALREADY_EXISTS, reason
     * `COLLECTION_ALREADY_EXISTS`, if the id is taken.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.CreateCollectionResponse> createCollection(
        dev.facet.v1.CreateCollectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateCollectionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a collection and every face in it.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DeleteCollectionResponse> deleteCollection(
        dev.facet.v1.DeleteCollectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteCollectionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists collection ids in ascending byte order, a page at a time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.ListCollectionsResponse> listCollections(
        dev.facet.v1.ListCollectionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListCollectionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns a collection's face count, face model version and creation time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DescribeCollectionResponse> describeCollection(
        dev.facet.v1.DescribeCollectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDescribeCollectionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Detects faces in an image and stores, for each face that passes the
     * quality filter (at most `max_faces`, largest first), its embedding and
     * metadata. Faces left out are returned in `unindexed_faces` with the
     * reasons. All faces of one call are stored atomically: once the call
     * returns OK they are durable; a failed call stores none of them.
     * An image without faces is not an error: both lists are empty.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.IndexFacesResponse> indexFaces(
        dev.facet.v1.IndexFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getIndexFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the faces of a collection in ascending face id order, a page at a
     * time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.ListFacesResponse> listFaces(
        dev.facet.v1.ListFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes faces by id. Ids not in the collection are reported in
     * `unsuccessful_face_deletions`, not as an error.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DeleteFacesResponse> deleteFaces(
        dev.facet.v1.DeleteFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to one of its own faces
     * (which is left out of the results). NOT_FOUND, reason `FACE_NOT_FOUND`,
     * if the face id is not in the collection.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.SearchFacesResponse> searchFaces(
        dev.facet.v1.SearchFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Searches a collection for the faces most similar to the largest face in
     * an image. INVALID_ARGUMENT, reason `NO_FACE_IN_IMAGE`, if the image has no
     * face that passes the quality filter; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.SearchFacesByImageResponse> searchFacesByImage(
        dev.facet.v1.SearchFacesByImageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchFacesByImageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates a user with no faces (status CREATED). ALREADY_EXISTS, reason
     * `USER_ALREADY_EXISTS`, if the collection has a user with that id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.CreateUserResponse> createUser(
        dev.facet.v1.CreateUserRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateUserMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a user. Its faces stay in the collection, associated with no
     * user.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DeleteUserResponse> deleteUser(
        dev.facet.v1.DeleteUserRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteUserMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists a collection's users in ascending user id order, a page at a time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.ListUsersResponse> listUsers(
        dev.facet.v1.ListUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListUsersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Associates faces of the collection with a user. A face is refused (in
     * `unsuccessful_face_associations`, not as an error) if it is not in the
     * collection, already belongs to another user, or matches the user below
     * `user_match_threshold`. The accepted faces are associated atomically
     * and durably before the call returns. A face already associated with
     * this user is reported as associated again.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.AssociateFacesResponse> associateFaces(
        dev.facet.v1.AssociateFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAssociateFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Removes faces from a user (the faces stay in the collection). A face not
     * in the collection or associated with another user (or none) is reported
     * in `unsuccessful_face_disassociations`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DisassociateFacesResponse> disassociateFaces(
        dev.facet.v1.DisassociateFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDisassociateFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Searches a collection's users with a user's search vector (the user
     * itself is left out) or with one face's embedding (its own user is
     * included). Exactly one of user_id and face_id must be set. NOT_FOUND,
     * reason `FACE_NOT_FOUND`, if the face id is not in the collection.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.SearchUsersResponse> searchUsers(
        dev.facet.v1.SearchUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchUsersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Searches a collection's users with the largest face of an image that
     * passes the quality filter; the other faces are returned in
     * `unsearched_faces` with the reasons. INVALID_ARGUMENT, reason
     * `NO_FACE_IN_IMAGE`, if no face passes; image errors as in
     * FaceService.DetectFaces.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.SearchUsersByImageResponse> searchUsersByImage(
        dev.facet.v1.SearchUsersByImageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchUsersByImageMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_COLLECTION = 0;
  private static final int METHODID_DELETE_COLLECTION = 1;
  private static final int METHODID_LIST_COLLECTIONS = 2;
  private static final int METHODID_DESCRIBE_COLLECTION = 3;
  private static final int METHODID_INDEX_FACES = 4;
  private static final int METHODID_LIST_FACES = 5;
  private static final int METHODID_DELETE_FACES = 6;
  private static final int METHODID_SEARCH_FACES = 7;
  private static final int METHODID_SEARCH_FACES_BY_IMAGE = 8;
  private static final int METHODID_CREATE_USER = 9;
  private static final int METHODID_DELETE_USER = 10;
  private static final int METHODID_LIST_USERS = 11;
  private static final int METHODID_ASSOCIATE_FACES = 12;
  private static final int METHODID_DISASSOCIATE_FACES = 13;
  private static final int METHODID_SEARCH_USERS = 14;
  private static final int METHODID_SEARCH_USERS_BY_IMAGE = 15;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final CollectionServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(CollectionServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_CREATE_COLLECTION:
          serviceImpl.createCollection((dev.facet.v1.CreateCollectionRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.CreateCollectionResponse>) responseObserver);
          break;
        case METHODID_DELETE_COLLECTION:
          serviceImpl.deleteCollection((dev.facet.v1.DeleteCollectionRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DeleteCollectionResponse>) responseObserver);
          break;
        case METHODID_LIST_COLLECTIONS:
          serviceImpl.listCollections((dev.facet.v1.ListCollectionsRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.ListCollectionsResponse>) responseObserver);
          break;
        case METHODID_DESCRIBE_COLLECTION:
          serviceImpl.describeCollection((dev.facet.v1.DescribeCollectionRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DescribeCollectionResponse>) responseObserver);
          break;
        case METHODID_INDEX_FACES:
          serviceImpl.indexFaces((dev.facet.v1.IndexFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.IndexFacesResponse>) responseObserver);
          break;
        case METHODID_LIST_FACES:
          serviceImpl.listFaces((dev.facet.v1.ListFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.ListFacesResponse>) responseObserver);
          break;
        case METHODID_DELETE_FACES:
          serviceImpl.deleteFaces((dev.facet.v1.DeleteFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DeleteFacesResponse>) responseObserver);
          break;
        case METHODID_SEARCH_FACES:
          serviceImpl.searchFaces((dev.facet.v1.SearchFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.SearchFacesResponse>) responseObserver);
          break;
        case METHODID_SEARCH_FACES_BY_IMAGE:
          serviceImpl.searchFacesByImage((dev.facet.v1.SearchFacesByImageRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.SearchFacesByImageResponse>) responseObserver);
          break;
        case METHODID_CREATE_USER:
          serviceImpl.createUser((dev.facet.v1.CreateUserRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.CreateUserResponse>) responseObserver);
          break;
        case METHODID_DELETE_USER:
          serviceImpl.deleteUser((dev.facet.v1.DeleteUserRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DeleteUserResponse>) responseObserver);
          break;
        case METHODID_LIST_USERS:
          serviceImpl.listUsers((dev.facet.v1.ListUsersRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.ListUsersResponse>) responseObserver);
          break;
        case METHODID_ASSOCIATE_FACES:
          serviceImpl.associateFaces((dev.facet.v1.AssociateFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.AssociateFacesResponse>) responseObserver);
          break;
        case METHODID_DISASSOCIATE_FACES:
          serviceImpl.disassociateFaces((dev.facet.v1.DisassociateFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DisassociateFacesResponse>) responseObserver);
          break;
        case METHODID_SEARCH_USERS:
          serviceImpl.searchUsers((dev.facet.v1.SearchUsersRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.SearchUsersResponse>) responseObserver);
          break;
        case METHODID_SEARCH_USERS_BY_IMAGE:
          serviceImpl.searchUsersByImage((dev.facet.v1.SearchUsersByImageRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.SearchUsersByImageResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  private static abstract class CollectionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    CollectionServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.facet.v1.CollectionsProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("CollectionService");
    }
  }

  private static final class CollectionServiceFileDescriptorSupplier
      extends CollectionServiceBaseDescriptorSupplier {
    CollectionServiceFileDescriptorSupplier() {}
  }

  private static final class CollectionServiceMethodDescriptorSupplier
      extends CollectionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    CollectionServiceMethodDescriptorSupplier(String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (CollectionServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new CollectionServiceFileDescriptorSupplier())
              .addMethod(getCreateCollectionMethod())
              .addMethod(getDeleteCollectionMethod())
              .addMethod(getListCollectionsMethod())
              .addMethod(getDescribeCollectionMethod())
              .addMethod(getIndexFacesMethod())
              .addMethod(getListFacesMethod())
              .addMethod(getDeleteFacesMethod())
              .addMethod(getSearchFacesMethod())
              .addMethod(getSearchFacesByImageMethod())
              .addMethod(getCreateUserMethod())
              .addMethod(getDeleteUserMethod())
              .addMethod(getListUsersMethod())
              .addMethod(getAssociateFacesMethod())
              .addMethod(getDisassociateFacesMethod())
              .addMethod(getSearchUsersMethod())
              .addMethod(getSearchUsersByImageMethod())
              .build();
        }
      }
    }
    return result;
  }
}
