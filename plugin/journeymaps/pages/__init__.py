"""Step 4: the pages of the site (no MkDocs here): page plans, page kinds, tables, charts, search view, exports."""
