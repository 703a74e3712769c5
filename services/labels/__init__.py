"""LabelService: what is in a picture (ImageNet classifier + COCO detector + WordNet hierarchy)."""
