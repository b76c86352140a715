"""Validation: a registry of small rules, each with an id, a severity and a Chinese message.

Rules are registered with `@rule(...)` in the modules of this package and run by
`check(document)`, which reports what each rule found, which rules ran, and which
could not run and why (a missing table is not a pass).
"""

from cnbudget.validate.registry import Finding, Report, Rule, all_rules, check, rule

__all__ = ["Finding", "Report", "Rule", "all_rules", "check", "rule"]
