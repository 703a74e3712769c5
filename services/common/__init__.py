"""What every Facet service shares: settings, errors, image decoding, Triton access, server bootstrap."""
