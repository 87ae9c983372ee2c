"""Beside step 5, on the same core: the pages written out as a docs folder that any engine builds (Zensical,
ProperDocs, MkDocs without the plugin), and which engine a site is built with. No MkDocs here."""
