//! Engine tests: every check and action through the public pipeline.
