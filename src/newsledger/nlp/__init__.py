"""The NLP stages: one spaCy parse per article, then typed extraction stages."""
