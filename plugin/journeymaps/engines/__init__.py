"""6. The pages written out as a docs folder that any engine builds (Zensical, ProperDocs, MkDocs without the
plugin), and which engine a site is built with. No MkDocs here: this is the way to engines that ignore the plugin."""
