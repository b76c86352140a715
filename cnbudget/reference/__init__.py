"""Reference data: the official classification catalogues (政府收支分类科目) with their coverage."""
