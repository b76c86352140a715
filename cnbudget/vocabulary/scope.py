"""Scope words of prose: a sentence about one project or about the department's own
office (本级) states figures that are not the totals of a whole-department document."""

from __future__ import annotations

import re

# the sentence speaks of a single project (a performance-evaluation paragraph)
PROJECT = re.compile(r"(?:该|此|本|这个)项目|项目(?:批复|年初预算数|全年预算数)")
# the sentence speaks of the department's own office only, not its subordinate units;
# "本级财政/本级政府" (the funding government's level) is not such a scope
OWN_OFFICE = re.compile(
    r"[（(]本级[)）]|(?:机关|部门|单位|本部|局|委|办|厅|院|中心)本级(?!财政|政府)"
)
SENTENCE_END = "。；;"
