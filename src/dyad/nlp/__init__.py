"""The spaCy pipeline: loaded once per process, run in batches."""

from .loader import load_nlp, model_name

__all__ = ["load_nlp", "model_name"]
