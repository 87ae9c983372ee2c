"""Step 5: the thin MkDocs adapter that publishes the site's pages: the plugin's hooks, config, files and search."""
