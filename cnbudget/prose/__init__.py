"""Prose stages: narrative facts (情况说明) and the department profile."""
