package dev.facet.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Detects faces and compares them.
 * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
 * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
 * gateway, every method can also fail with UNAVAILABLE, reason
 * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
 * retry with backoff.
 * </pre>
 */
@javax.annotation.Generated(
    value = "by gRPC proto compiler",
    comments = "Source: facet/v1/faces.proto")
@io.grpc.stub.annotations.GrpcGenerated
public final class FaceServiceGrpc {

  private FaceServiceGrpc() {}

  public static final String SERVICE_NAME = "facet.v1.FaceService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.DetectFacesRequest,
      dev.facet.v1.DetectFacesResponse> getDetectFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DetectFaces",
      requestType = dev.facet.v1.DetectFacesRequest.class,
      responseType = dev.facet.v1.DetectFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.DetectFacesRequest,
      dev.facet.v1.DetectFacesResponse> getDetectFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.DetectFacesRequest, dev.facet.v1.DetectFacesResponse> getDetectFacesMethod;
    if ((getDetectFacesMethod = FaceServiceGrpc.getDetectFacesMethod) == null) {
      synchronized (FaceServiceGrpc.class) {
        if ((getDetectFacesMethod = FaceServiceGrpc.getDetectFacesMethod) == null) {
          FaceServiceGrpc.getDetectFacesMethod = getDetectFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.DetectFacesRequest, dev.facet.v1.DetectFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DetectFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.DetectFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new FaceServiceMethodDescriptorSupplier("DetectFaces"))
              .build();
        }
      }
    }
    return getDetectFacesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.facet.v1.CompareFacesRequest,
      dev.facet.v1.CompareFacesResponse> getCompareFacesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CompareFaces",
      requestType = dev.facet.v1.CompareFacesRequest.class,
      responseType = dev.facet.v1.CompareFacesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.facet.v1.CompareFacesRequest,
      dev.facet.v1.CompareFacesResponse> getCompareFacesMethod() {
    io.grpc.MethodDescriptor<dev.facet.v1.CompareFacesRequest, dev.facet.v1.CompareFacesResponse> getCompareFacesMethod;
    if ((getCompareFacesMethod = FaceServiceGrpc.getCompareFacesMethod) == null) {
      synchronized (FaceServiceGrpc.class) {
        if ((getCompareFacesMethod = FaceServiceGrpc.getCompareFacesMethod) == null) {
          FaceServiceGrpc.getCompareFacesMethod = getCompareFacesMethod =
              io.grpc.MethodDescriptor.<dev.facet.v1.CompareFacesRequest, dev.facet.v1.CompareFacesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CompareFaces"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.CompareFacesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.facet.v1.CompareFacesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new FaceServiceMethodDescriptorSupplier("CompareFaces"))
              .build();
        }
      }
    }
    return getCompareFacesMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static FaceServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<FaceServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<FaceServiceStub>() {
        @java.lang.Override
        public FaceServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new FaceServiceStub(channel, callOptions);
        }
      };
    return FaceServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static FaceServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<FaceServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<FaceServiceBlockingStub>() {
        @java.lang.Override
        public FaceServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new FaceServiceBlockingStub(channel, callOptions);
        }
      };
    return FaceServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static FaceServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<FaceServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<FaceServiceFutureStub>() {
        @java.lang.Override
        public FaceServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new FaceServiceFutureStub(channel, callOptions);
        }
      };
    return FaceServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Detects faces and compares them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static abstract class FaceServiceImplBase implements io.grpc.BindableService {

    /**
     * <pre>
     * Detects up to 100 faces in an image and returns, for each, its bounding
     * box, detection confidence, five landmarks, pose and image quality, plus
     * the optional attributes asked for in `attributes`.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `attributes` holds `FACE_ATTRIBUTE_UNSPECIFIED` or an unknown value.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without faces is not an error: the response is empty.
     * </pre>
     */
    public void detectFaces(dev.facet.v1.DetectFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDetectFacesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Compares the largest face in the source image with each of up to 100
     * faces in the target image, and splits the target faces into matches
     * (similarity at or above `similarity_threshold`) and unmatched faces.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: either image is rejected (see `Image`);
     *   ErrorInfo.metadata["field"] says which ("source_image" or
     *   "target_image").
     * * INVALID_ARGUMENT, reason `NO_FACE_IN_SOURCE`: no face was found in the
     *   source image.
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: an image is unset, or
     *   `similarity_threshold` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * A target image without faces is not an error: both lists are empty.
     * </pre>
     */
    public void compareFaces(dev.facet.v1.CompareFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.CompareFacesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCompareFacesMethod(), responseObserver);
    }

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
          .addMethod(
            getDetectFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.DetectFacesRequest,
                dev.facet.v1.DetectFacesResponse>(
                  this, METHODID_DETECT_FACES)))
          .addMethod(
            getCompareFacesMethod(),
            io.grpc.stub.ServerCalls.asyncUnaryCall(
              new MethodHandlers<
                dev.facet.v1.CompareFacesRequest,
                dev.facet.v1.CompareFacesResponse>(
                  this, METHODID_COMPARE_FACES)))
          .build();
    }
  }

  /**
   * <pre>
   * Detects faces and compares them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class FaceServiceStub extends io.grpc.stub.AbstractAsyncStub<FaceServiceStub> {
    private FaceServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected FaceServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new FaceServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Detects up to 100 faces in an image and returns, for each, its bounding
     * box, detection confidence, five landmarks, pose and image quality, plus
     * the optional attributes asked for in `attributes`.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `attributes` holds `FACE_ATTRIBUTE_UNSPECIFIED` or an unknown value.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without faces is not an error: the response is empty.
     * </pre>
     */
    public void detectFaces(dev.facet.v1.DetectFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.DetectFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDetectFacesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Compares the largest face in the source image with each of up to 100
     * faces in the target image, and splits the target faces into matches
     * (similarity at or above `similarity_threshold`) and unmatched faces.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: either image is rejected (see `Image`);
     *   ErrorInfo.metadata["field"] says which ("source_image" or
     *   "target_image").
     * * INVALID_ARGUMENT, reason `NO_FACE_IN_SOURCE`: no face was found in the
     *   source image.
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: an image is unset, or
     *   `similarity_threshold` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * A target image without faces is not an error: both lists are empty.
     * </pre>
     */
    public void compareFaces(dev.facet.v1.CompareFacesRequest request,
        io.grpc.stub.StreamObserver<dev.facet.v1.CompareFacesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCompareFacesMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * <pre>
   * Detects faces and compares them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class FaceServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<FaceServiceBlockingStub> {
    private FaceServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected FaceServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new FaceServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Detects up to 100 faces in an image and returns, for each, its bounding
     * box, detection confidence, five landmarks, pose and image quality, plus
     * the optional attributes asked for in `attributes`.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `attributes` holds `FACE_ATTRIBUTE_UNSPECIFIED` or an unknown value.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without faces is not an error: the response is empty.
     * </pre>
     */
    public dev.facet.v1.DetectFacesResponse detectFaces(dev.facet.v1.DetectFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDetectFacesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Compares the largest face in the source image with each of up to 100
     * faces in the target image, and splits the target faces into matches
     * (similarity at or above `similarity_threshold`) and unmatched faces.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: either image is rejected (see `Image`);
     *   ErrorInfo.metadata["field"] says which ("source_image" or
     *   "target_image").
     * * INVALID_ARGUMENT, reason `NO_FACE_IN_SOURCE`: no face was found in the
     *   source image.
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: an image is unset, or
     *   `similarity_threshold` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * A target image without faces is not an error: both lists are empty.
     * </pre>
     */
    public dev.facet.v1.CompareFacesResponse compareFaces(dev.facet.v1.CompareFacesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCompareFacesMethod(), getCallOptions(), request);
    }
  }

  /**
   * <pre>
   * Detects faces and compares them.
   * Errors are gRPC statuses carrying a `google.rpc.ErrorInfo` with domain
   * "facet.v1" and a reason from `ErrorReason` (see common.proto). Through the
   * gateway, every method can also fail with UNAVAILABLE, reason
   * `SERVICE_UNAVAILABLE`, when the service behind it cannot be reached; safe to
   * retry with backoff.
   * </pre>
   */
  public static final class FaceServiceFutureStub extends io.grpc.stub.AbstractFutureStub<FaceServiceFutureStub> {
    private FaceServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected FaceServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new FaceServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Detects up to 100 faces in an image and returns, for each, its bounding
     * box, detection confidence, five landmarks, pose and image quality, plus
     * the optional attributes asked for in `attributes`.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: the image is rejected (see `Image`).
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: the image is unset, or
     *   `attributes` holds `FACE_ATTRIBUTE_UNSPECIFIED` or an unknown value.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * An image without faces is not an error: the response is empty.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.DetectFacesResponse> detectFaces(
        dev.facet.v1.DetectFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDetectFacesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Compares the largest face in the source image with each of up to 100
     * faces in the target image, and splits the target faces into matches
     * (similarity at or above `similarity_threshold`) and unmatched faces.
     * Errors:
     * * INVALID_ARGUMENT, reason `INVALID_IMAGE_FORMAT`, `IMAGE_TOO_LARGE` or
     *   `IMAGE_TOO_SMALL`: either image is rejected (see `Image`);
     *   ErrorInfo.metadata["field"] says which ("source_image" or
     *   "target_image").
     * * INVALID_ARGUMENT, reason `NO_FACE_IN_SOURCE`: no face was found in the
     *   source image.
     * * INVALID_ARGUMENT, reason `INVALID_PARAMETER`: an image is unset, or
     *   `similarity_threshold` is outside [0, 100] or not a number.
     * * UNAVAILABLE, reason `MODEL_NOT_READY` or `INFERENCE_UNAVAILABLE`: the
     *   inference backend is starting or down; safe to retry with backoff.
     * * DEADLINE_EXCEEDED: the call's deadline passed first (with reason
     *   `DEADLINE_EXCEEDED` when the server gave up on the backend in time to
     *   say so; without ErrorInfo when gRPC cancelled the call itself).
     * * INTERNAL, reason `INTERNAL`: an unexpected server-side failure.
     * A target image without faces is not an error: both lists are empty.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.facet.v1.CompareFacesResponse> compareFaces(
        dev.facet.v1.CompareFacesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCompareFacesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DETECT_FACES = 0;
  private static final int METHODID_COMPARE_FACES = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final FaceServiceImplBase serviceImpl;
    private final int methodId;

    MethodHandlers(FaceServiceImplBase serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_DETECT_FACES:
          serviceImpl.detectFaces((dev.facet.v1.DetectFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.DetectFacesResponse>) responseObserver);
          break;
        case METHODID_COMPARE_FACES:
          serviceImpl.compareFaces((dev.facet.v1.CompareFacesRequest) request,
              (io.grpc.stub.StreamObserver<dev.facet.v1.CompareFacesResponse>) responseObserver);
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

  private static abstract class FaceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    FaceServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.facet.v1.FacesProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("FaceService");
    }
  }

  private static final class FaceServiceFileDescriptorSupplier
      extends FaceServiceBaseDescriptorSupplier {
    FaceServiceFileDescriptorSupplier() {}
  }

  private static final class FaceServiceMethodDescriptorSupplier
      extends FaceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final String methodName;

    FaceServiceMethodDescriptorSupplier(String methodName) {
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
      synchronized (FaceServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new FaceServiceFileDescriptorSupplier())
              .addMethod(getDetectFacesMethod())
              .addMethod(getCompareFacesMethod())
              .build();
        }
      }
    }
    return result;
  }
}
