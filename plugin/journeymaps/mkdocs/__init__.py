"""Step 5: the thin MkDocs adapter that publishes the site's pages: plugin, config, theme partials, assets."""
