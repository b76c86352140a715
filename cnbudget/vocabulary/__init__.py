"""Controlled vocabularies: function classes, summary rows, header labels, table titles."""
