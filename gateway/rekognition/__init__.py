"""The Rekognition-compatible HTTP front: AWS JSON 1.1 in, the gateway's gRPC out.

Existing code that calls Amazon Rekognition through an AWS SDK points its endpoint here
(``AWS_ENDPOINT_URL_REKOGNITION``) and runs unchanged. Every request is translated to the Facet
gRPC call and sent to the gateway, so routing, limits, authentication and audit stay there.
botocore's service model is the source of truth for names, enums and shapes (``service_model``).
"""
