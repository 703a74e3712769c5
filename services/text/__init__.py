"""TextService: DetectText with PP-OCRv6 (detection, direction, recognition) on Triton."""
