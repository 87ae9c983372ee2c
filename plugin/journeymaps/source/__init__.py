"""Step 1 of the flow: the files of a journeys folder, and the YAML front matter in them, read and written."""
